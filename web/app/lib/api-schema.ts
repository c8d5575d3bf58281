// Generated from the API's OpenAPI document (/api/openapi.json) by `npm run api:types`: do not edit.

export interface paths {
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account with email and password */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The Cloudflare Turnstile token from the page's widget; required when the service has Turnstile turned on. */
                    "cf-turnstile-response"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Email and password */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Credentials"];
                };
            };
            responses: {
                /** @description Signed in; the refresh token is set as an HttpOnly cookie */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `challenge_failed`: The anti-robot check (Cloudflare Turnstile) is missing, failed or expired. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `rate_limited`: Too many requests; retry after the given delay. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unavailable`: A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description Email and password */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Credentials"];
                };
            };
            responses: {
                /** @description Signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `rate_limited`: Too many requests; retry after the given delay. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Trade the refresh cookie for a new access token (the cookie is rotated) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A new session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Session"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your projects */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Your projects */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            projects: components["schemas"]["Project"][];
                        };
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a project */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The project's name */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ProjectBody"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The project's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The project */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a project (its songs stay in your library) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The project's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a project */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The project's id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The new name */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ProjectBody"];
                };
            };
            responses: {
                /** @description Renamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Project"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your songs, newest first */
        get: {
            parameters: {
                query?: {
                    projectId?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Your jobs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: components["schemas"]["Job"][];
                        };
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Order a song
         * @description Reserves the song's credits and queues the order. The same Idempotency-Key with the same body returns the same job; with another body, 409. Credits are debited only when the song is delivered, and refunded on failure, cancel or timeout.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A unique key per order, e.g. a UUID. */
                    "idempotency-key": string;
                    /** @description The Cloudflare Turnstile token from the page's widget; required when the service has Turnstile turned on. */
                    "cf-turnstile-response"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description A brief (context mode) or your own lyrics (custom mode) */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["CreateJob"];
                };
            };
            responses: {
                /** @description The job this Idempotency-Key already created */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description Accepted and queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `insufficient_credits`: The account does not have enough credits. */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `challenge_failed`: The anti-robot check (Cloudflare Turnstile) is missing, failed or expired. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `idempotency_conflict`: This Idempotency-Key was already used with another body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `rate_limited`: Too many requests; retry after the given delay. `quota_exceeded`: The account's daily quota is used up; retry after the given delay (the next UTC day). */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unavailable`: A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a song order */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an order in progress; its credits are refunded */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Canceled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/choose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Keep one of the two takes as your song */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The take to keep */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ChooseTake"];
                };
            };
            responses: {
                /** @description The job with its chosen take */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/revision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make a revision of a finished song: the same lyrics, a new seed, optionally another style or voice
         * @description The first revision of each order is free (the ledger records it at 0 credits); later ones are charged like an order.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "idempotency-key": string;
                    /** @description The Cloudflare Turnstile token from the page's widget; required when the service has Turnstile turned on. */
                    "cf-turnstile-response"?: string;
                };
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description What to change */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Revision"];
                };
            };
            responses: {
                /** @description The revision this Idempotency-Key already created */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description The revision, queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `insufficient_credits`: The account does not have enough credits. */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `challenge_failed`: The anti-robot check (Cloudflare Turnstile) is missing, failed or expired. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `rate_limited`: Too many requests; retry after the given delay. `quota_exceeded`: The account's daily quota is used up; retry after the given delay (the next UTC day). */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unavailable`: A dependency is unavailable; retry later. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/stream-ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A short-lived ticket to follow a job from a browser's EventSource */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The ticket */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StreamTicket"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a job live (Server-Sent Events)
         * @description Each transition is one event: `id` is its sequence number, `event` its type, `data` a JobEvent. Reconnect with `Last-Event-ID` (or `lastEventId`) to receive what was missed. The stream ends after the terminal event. Send the access token, or from a browser's EventSource a `ticket` from `POST /api/jobs/{id}/stream-ticket`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A stream ticket for this job, instead of the access token. */
                    ticket?: string;
                    /** @description The last event received, when `Last-Event-ID` cannot be sent. */
                    lastEventId?: string;
                };
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": components["schemas"]["JobEvent"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `forbidden`: The link or signature is invalid or has expired. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/lyrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Edit the lyrics before approving them
         * @description Sections and lines are checked against the engine chosen for the order: the lyrics must fit its limits and, for a gift, still name its recipient.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            /** @description The lyrics as they should be sung */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["LyricsEdit"];
                };
            };
            responses: {
                /** @description The job with its new lyrics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/lyrics/redraft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for another draft of the lyrics (free, up to a limit per order) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A new draft is being written */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/lyrics/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve the lyrics: the music is made now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Approved; the song is being made */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Balance, reserved credits and the ledger (newest first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Your credits */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Credits"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tracks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivered take */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The track's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The track */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Track"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tracks/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Signed links to stream or download a take */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The track's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Links */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackLinks"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audio behind a signed link (supports Range) */
        get: {
            parameters: {
                query: {
                    exp?: number | null;
                    disp: "inline" | "attachment";
                    fmt?: "mp3" | "wav";
                    sig: string;
                };
                header?: never;
                path: {
                    /** @description The track's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The whole file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "audio/mpeg": string;
                    };
                };
                /** @description The requested byte range */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `forbidden`: The link or signature is invalid or has expired. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The range is outside the file */
                416: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tracks/{id}/share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Share a take: a public link, an embeddable player and its oEmbed URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The track's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The share links (the same token until sharing stops) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrackShare"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Stop sharing a take (its share and embed links stop working) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The track's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No longer shared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/tracks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shared take, for its share page and embedded player */
        get: {
            parameters: {
                query: {
                    t: string;
                };
                header?: never;
                path: {
                    /** @description The track's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The take and a short-lived stream link */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicTrack"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oembed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** oEmbed for share links (https://oembed.com): CMSs turn a share link into the player */
        get: {
            parameters: {
                query: {
                    url: string;
                    format?: "json";
                    maxwidth?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The oEmbed document */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OEmbed"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your gifts, newest first, with how often each was played */
        get: {
            parameters: {
                query?: {
                    jobId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Your gifts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gifts: components["schemas"]["Gift"][];
                        };
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Make a gift of a finished song: a page with a message, to send to the person it is for */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateGift"];
                };
            };
            responses: {
                /** @description The gift and its link */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Gift"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `conflict`: The request conflicts with the resource's current state. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gifts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your gifts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The gift's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The gift */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Gift"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Revoke a gift: its page answers 410 from now on */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The gift's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked (again, if it already was) */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/gifts/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A gift, for its recipient's page (no account needed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The gift link's token */
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The gift, its lyrics and short-lived links */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicGift"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `gone`: The resource existed and was withdrawn by its owner. */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/gifts/{token}/plays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Count one play of a gift (its page calls this when the song starts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The gift link's token */
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Counted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `gone`: The resource existed and was withdrawn by its owner. */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/gifts/{token}/cover.png": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The gift's cover image (1200×630 PNG with the recipient's name), for Open Graph and Twitter cards */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The gift link's token */
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The cover */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `gone`: The resource existed and was withdrawn by its owner. */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Callbacks from music engines
         * @description Each job's callback URL carries the job id and a token only we can derive. A callback is a hint: the job then checks the task's status with the engine before anything changes, so forged, repeated or out-of-order callbacks cannot move a job.
         */
        post: {
            parameters: {
                query: {
                    job: string;
                    token: string;
                };
                header?: never;
                path: {
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Received */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookAck"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `forbidden`: The link or signature is invalid or has expired. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/routing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The routing in force */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Routing */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: components["schemas"]["RoutingConfig"];
                            default: components["schemas"]["RoutingConfig"];
                        };
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace the routing (weights, ramp, failover chain, blind comparison, breaker), effective for the next order */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The new routing */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["RoutingConfig"];
                };
            };
            responses: {
                /** @description Stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            config: components["schemas"]["RoutingConfig"];
                        };
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each engine's circuit and its last hour of calls */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Engines */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providers: {
                                id: string;
                                circuit: string;
                                openedAt: string | null;
                                calls: number;
                                errors: number;
                                meanLatencyMs: number | null;
                            }[];
                        };
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Blind comparisons: which engine's take people kept, per pair */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Preferences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            pairs: {
                                providers: [
                                    string,
                                    string
                                ];
                                comparisons: number;
                                kept: {
                                    [key: string]: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Success rates, generation times, cost per song, styles, backlog per stage and credits, over a window */
        get: {
            parameters: {
                query?: {
                    window?: "1h" | "6h" | "24h" | "7d";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Metrics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Metrics"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every account's jobs, newest first, by status, engine or person */
        get: {
            parameters: {
                query?: {
                    status?: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
                    provider?: string;
                    /** @description A user id or an email */
                    user?: string;
                    limit?: number;
                    /** @description `next` from the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of jobs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminJobList"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job with its event log, engine calls, credit movements and takes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The job's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminJobDetail"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/credits/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give credits to an account, with a reason
         * @description Written to the account's ledger as a grant, with the operator's id. The same Idempotency-Key with the same grant returns the first one and moves nothing; with another grant, 409.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A unique key per grant, e.g. a UUID. */
                    "idempotency-key": string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Who, how many credits and why */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["CreditGrantRequest"];
                };
            };
            responses: {
                /** @description The grant this Idempotency-Key already made */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditGrant"];
                    };
                };
                /** @description Granted */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreditGrant"];
                    };
                };
                /** @description `validation_failed`: The request is malformed or a field is invalid. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `unauthorized`: No valid access token was given. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `not_found`: No such resource for this account. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `idempotency_conflict`: This Idempotency-Key was already used with another body. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Session: {
            accessToken: string;
            /** @enum {string} */
            tokenType: "Bearer";
            expiresIn: number;
            user: components["schemas"]["User"];
        };
        User: {
            id: string;
            email: string | null;
            /** @enum {string} */
            role: "user" | "admin";
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "validation_failed" | "unauthorized" | "insufficient_credits" | "forbidden" | "challenge_failed" | "not_found" | "conflict" | "gone" | "idempotency_conflict" | "payload_too_large" | "rate_limited" | "quota_exceeded" | "internal" | "unavailable";
                message: string;
                fields: {
                    [key: string]: string[];
                };
            };
        };
        Credentials: {
            /** Format: email */
            email: string;
            password: string;
        };
        Project: {
            id: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ProjectBody: {
            name: string;
        };
        Job: {
            id: string;
            /** @enum {string} */
            status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
            /** @enum {string} */
            mode: "context" | "custom";
            projectId: string | null;
            title: string | null;
            /** @description Credits reserved for this order; debited only on success. */
            credits: number;
            provider: string | null;
            error: {
                /**
                 * @description Why the order did not become a song; the content_refused, copyright_refused and lyrics_invalid codes ask for other words.
                 * @enum {string}
                 */
                code: "content_refused" | "copyright_refused" | "lyrics_invalid" | "engine_unavailable" | "engine_stalled" | "result_invalid" | "audio_refused" | "name_missing" | "lyrics_unavailable" | "canceled" | "timed_out" | "lyrics_expired";
                message: string;
            } | null;
            lyrics: components["schemas"]["Lyrics"];
            takes: components["schemas"]["Take"][];
            chosenTrackId: string | null;
            approveLyrics: boolean;
            /** @description Lyrics drafts written so far. */
            drafts: number;
            /** @description The order this one revises. */
            parentJobId: string | null;
            /** @description What was ordered: the brief, or the custom lyrics and style. */
            request: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            deadlineAt: string;
            /** Format: date-time */
            finishedAt: string | null;
        };
        Lyrics: {
            title: string;
            sections: {
                /** @enum {string} */
                kind: "intro" | "verse" | "pre-chorus" | "chorus" | "bridge" | "outro";
                lines: string[];
            }[];
        } | null;
        Take: {
            trackId: string;
            takeIndex: number;
            format: string;
            durationSeconds: number | null;
            sizeBytes: number;
            chosen: boolean;
        };
        CreateJob: components["schemas"]["ContextJob"] | components["schemas"]["CustomJob"];
        ContextJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            mode: "context";
            /** @description What the song is for, e.g. "a birthday". */
            occasion: string;
            recipientName: string;
            /** @description How the name sounds, e.g. "ma-é-liss" for Maëlys: the lyrics keep the spelling, our singer sings this. */
            pronounceAs?: string;
            /** @description Who they are to you, e.g. "my sister". */
            relationship?: string;
            /**
             * @description Story details to weave into the lyrics.
             * @default []
             */
            details?: string[];
            /** @description A project of yours to file the song under. */
            projectId?: string;
            /** @enum {string} */
            language: "fr" | "en";
            /**
             * @description Genres and styles, e.g. pop, folk, chanson.
             * @default [
             *       "pop"
             *     ]
             */
            styleTags?: string[];
            mood?: string;
            /**
             * @default female
             * @enum {string}
             */
            vocal?: "female" | "male" | "instrumental";
            /**
             * @description Target length of the song.
             * @default 120
             */
            durationSeconds?: number;
            /** @description Same seed, same engine, same song; random when absent. */
            seed?: number;
            /**
             * @description Stop once the lyrics are written, so they can be read, edited or redrafted before the music is made.
             * @default false
             */
            approveLyrics?: boolean;
            /** @description Operators only: force this order onto one engine (a per-job flag). */
            engine?: string;
        };
        CustomJob: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            mode: "custom";
            title: string;
            /**
             * @description Your lyrics; [Verse], [Chorus], [Bridge] tags mark the sections.
             * @default
             */
            lyrics?: string;
            /** @description A project of yours to file the song under. */
            projectId?: string;
            /** @enum {string} */
            language: "fr" | "en";
            /**
             * @description Genres and styles, e.g. pop, folk, chanson.
             * @default [
             *       "pop"
             *     ]
             */
            styleTags?: string[];
            mood?: string;
            /**
             * @default female
             * @enum {string}
             */
            vocal?: "female" | "male" | "instrumental";
            /**
             * @description Target length of the song.
             * @default 120
             */
            durationSeconds?: number;
            /** @description Same seed, same engine, same song; random when absent. */
            seed?: number;
            /**
             * @description Stop once the lyrics are written, so they can be read, edited or redrafted before the music is made.
             * @default false
             */
            approveLyrics?: boolean;
            /** @description Operators only: force this order onto one engine (a per-job flag). */
            engine?: string;
        };
        ChooseTake: {
            trackId: string;
        };
        Revision: {
            /**
             * @description Genres and styles, e.g. pop, folk, chanson.
             * @default [
             *       "pop"
             *     ]
             */
            styleTags?: string[];
            /** @enum {string} */
            vocal?: "female" | "male" | "instrumental";
            mood?: string;
        };
        /** @description Opens this job's event stream for 60 seconds; ask for a new one to reconnect after that. */
        StreamTicket: {
            ticket: string;
            /** Format: date-time */
            expiresAt: string;
        };
        JobEvent: {
            seq: number;
            type: string;
            /** @enum {string} */
            status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
            data?: unknown;
            /** Format: date-time */
            at: string;
        };
        LyricsEdit: {
            title: string;
            sections: {
                /** @enum {string} */
                kind: "intro" | "verse" | "pre-chorus" | "chorus" | "bridge" | "outro";
                lines: string[];
            }[];
        };
        Credits: {
            /** @description Credits owned, including those reserved. */
            balance: number;
            /** @description Credits held by orders in progress. */
            reserved: number;
            /** @description What a new order can use. */
            available: number;
            ledger: components["schemas"]["LedgerEntry"][];
        };
        LedgerEntry: {
            id: string;
            /** @enum {string} */
            kind: "grant" | "hold" | "capture" | "release";
            amount: number;
            /** @description Why, in English, for operators. */
            reason: string;
            /**
             * @description Why, as a code to show in the reader's language.
             * @enum {string}
             */
            reasonKind: "welcome" | "added" | "order" | "revision" | "free_revision" | "delivered" | "refund" | "price_difference";
            jobId: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        Track: {
            id: string;
            jobId: string;
            takeIndex: number;
            title: string | null;
            format: string;
            durationSeconds: number | null;
            sampleRate: number | null;
            loudnessLufs: number | null;
            sizeBytes: number;
            sha256: string;
            wavSizeBytes: number | null;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description Signed, expiring links; ask again for fresh ones before they expire. */
        TrackLinks: {
            streamUrl: string;
            downloadUrl: string;
            wavDownloadUrl: string | null;
            /** Format: date-time */
            expiresAt: string;
        };
        /** @description Anyone holding the token may play this take, until the owner stops sharing it. */
        TrackShare: {
            token: string;
            shareUrl: string;
            embedUrl: string;
            embedHtml: string;
            oembedUrl: string;
        };
        /** @description A shared take: a short-lived stream link; ask again before it expires. */
        PublicTrack: {
            id: string;
            title: string | null;
            durationSeconds: number | null;
            streamUrl: string;
            /** Format: date-time */
            expiresAt: string;
        };
        OEmbed: {
            /** @enum {string} */
            version: "1.0";
            /** @enum {string} */
            type: "rich";
            provider_name: string;
            provider_url: string;
            title: string;
            html: string;
            width: number;
            height: number;
        };
        Gift: {
            id: string;
            jobId: string;
            trackId: string;
            recipientName: string;
            senderName: string | null;
            message: string;
            allowDownload: boolean;
            /** @enum {string} */
            locale: "fr" | "en";
            /** @description How many times the recipient's page started the song. */
            plays: number;
            /** @description The page to send; the token in it is the only credential (256 random bits). */
            url: string;
            coverUrl: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateGift: {
            /** @description The take to give (one of a finished order's takes). */
            trackId: string;
            /** @description Who it is for; the order's recipient when absent. */
            recipientName?: string;
            /**
             * @description A few words shown above the song.
             * @default
             */
            message?: string;
            /** @description How to sign the message, e.g. "Paul". */
            senderName?: string;
            /**
             * @description Whether the recipient may download the song.
             * @default false
             */
            allowDownload?: boolean;
            /**
             * @description The page's language; the song's language when absent.
             * @enum {string}
             */
            locale?: "fr" | "en";
        };
        PublicGift: {
            recipientName: string;
            senderName: string | null;
            message: string;
            /** @enum {string} */
            locale: "fr" | "en";
            title: string | null;
            durationSeconds: number | null;
            lyrics: components["schemas"]["Lyrics"];
            /** @enum {string} */
            lyricsLanguage: "fr" | "en";
            /** @description When each lyric line is sung, where the engine knows it. */
            timings: {
                section: number;
                line: number;
                startSec: number;
                endSec: number;
            }[] | null;
            streamUrl: string;
            /** @description Only when the sender allowed downloads. */
            downloadUrl: string | null;
            /**
             * Format: date-time
             * @description When the links expire; ask again before.
             */
            expiresAt: string;
            coverUrl: string;
        };
        WebhookAck: {
            received: boolean;
            duplicate: boolean;
        };
        RoutingConfig: {
            arms: {
                provider: string;
                weight: number;
            }[];
            /** @default null */
            ramp?: {
                provider: string;
                percent: number;
            } | null;
            /** @default [] */
            failover?: string[];
            /** @default null */
            blind?: {
                providers: [
                    string,
                    string
                ];
                percent: number;
            } | null;
            /** @default {} */
            stallSeconds?: {
                [key: string]: number;
            };
            /**
             * @default {
             *       "window": 20,
             *       "minCalls": 5,
             *       "failureRate": 0.5,
             *       "openSeconds": 60
             *     }
             */
            breaker?: {
                /** @default 20 */
                window?: number;
                /** @default 5 */
                minCalls?: number;
                /** @default 0.5 */
                failureRate?: number;
                /** @default 60 */
                openSeconds?: number;
            };
        };
        Metrics: {
            /** @enum {string} */
            window: "1h" | "6h" | "24h" | "7d";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            jobs: {
                finished: number;
                succeeded: number;
                failed: number;
                timedOut: number;
                canceled: number;
                /** @description Succeeded ÷ finished, cancellations left out */
                successRate: number | null;
            };
            /** @description Order to delivery, for songs delivered in the window */
            generation: {
                songs: number;
                meanMs: number | null;
                p95Ms: number | null;
            };
            cost: {
                songs: number;
                /** @description Songs for which an engine reported a cost */
                pricedSongs: number;
                totalCents: number;
                meanCentsPerSong: number | null;
            };
            providers: {
                provider: string;
                calls: number;
                callErrors: number;
                /** @description 0–1; null without a sample */
                callSuccessRate: number | null;
                meanLatencyMs: number | null;
                costCents: number;
                /** @description Jobs finished on this engine */
                jobs: number;
                jobsSucceeded: number;
                /** @description 0–1; null without a sample */
                jobSuccessRate: number | null;
            }[];
            /** @description Most ordered styles, top 10 */
            styles: {
                style: string;
                jobs: number;
            }[];
            /** @description Now, whatever the window: jobs waiting in each stage */
            queues: {
                /** @enum {string} */
                status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING";
                stage: string;
                jobs: number;
                /** @description Since the oldest of them last moved */
                oldestAgeSeconds: number | null;
            }[];
            credits: {
                reserved: number;
                debited: number;
                refunded: number;
                granted: number;
                /** @description Held by orders in progress, now */
                reservedNow: number;
            };
            /** @description The window in 24 equal slots */
            series: {
                /** Format: date-time */
                at: string;
                succeeded: number;
                failed: number;
                meanMs: number | null;
            }[];
        };
        AdminJobList: {
            jobs: components["schemas"]["AdminJob"][];
            next: string | null;
        };
        AdminJob: {
            id: string;
            userId: string;
            userEmail: string | null;
            /** @enum {string} */
            status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
            /** @enum {string} */
            mode: "context" | "custom";
            title: string | null;
            provider: string | null;
            /** @description The routing arm that chose the engine */
            arm: string | null;
            providersTried: string[];
            credits: number;
            errorCode: string | null;
            errorMessage: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description Order to end, for finished jobs */
            durationMs: number | null;
        };
        AdminJobDetail: {
            id: string;
            userId: string;
            userEmail: string | null;
            /** @enum {string} */
            status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
            /** @enum {string} */
            mode: "context" | "custom";
            title: string | null;
            provider: string | null;
            /** @description The routing arm that chose the engine */
            arm: string | null;
            providersTried: string[];
            credits: number;
            errorCode: string | null;
            errorMessage: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description Order to end, for finished jobs */
            durationMs: number | null;
            request: {
                language: string;
                vocal: string;
                styleTags: string[];
                durationSeconds: number;
                lyricsSource: string | null;
                model: string | null;
                seed: number;
            } | null;
            events: {
                seq: number;
                type: string;
                /** @enum {string} */
                status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
                data: {
                    [key: string]: unknown;
                };
                /** Format: date-time */
                at: string;
            }[];
            calls: {
                provider: string;
                /** @enum {string} */
                operation: "createTrack" | "getStatus" | "fetchResult" | "cancel" | "handleWebhook" | "writeLyrics";
                latencyMs: number;
                costCents: number | null;
                /** @enum {string} */
                outcome: "ok" | "error";
                error: string | null;
                /** Format: date-time */
                at: string;
            }[];
            ledger: {
                /** @enum {string} */
                kind: "grant" | "hold" | "capture" | "release";
                amount: number;
                reason: string;
                /** Format: date-time */
                at: string;
            }[];
            tracks: {
                id: string;
                takeIndex: number;
                format: string;
                provider: string;
                sizeBytes: number;
                durationSeconds: number | null;
            }[];
        };
        CreditGrant: {
            entry: {
                id: string;
                userId: string;
                /** @enum {string} */
                kind: "grant";
                amount: number;
                reason: string;
                /** Format: date-time */
                createdAt: string;
            };
            balance: number;
            available: number;
        };
        CreditGrantRequest: {
            /** Format: email */
            email?: string;
            userId?: string;
            amount: number;
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
