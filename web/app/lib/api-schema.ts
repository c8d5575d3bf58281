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
        /**
         * Trade the refresh cookie for a new access token (the cookie is rotated)
         * @description A refresh token works once. One already traded that comes back means someone else holds a copy: the whole session (the sign-in it came from) ends, and every refresh and access token of it is refused from then on.
         */
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
                /** @description No refresh cookie: nobody is signed in on this browser, and nothing was refreshed */
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
        /**
         * End the session
         * @description Ends the session of the refresh cookie: its refresh tokens and the access tokens issued with them stop working.
         */
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
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your password
         * @description Takes the current password and a new one. Every session of the account ends, on every device; the answer is a new session for this one (its refresh cookie set). Accounts that sign in through Supabase change their password there (409). Wrong current passwords are throttled like sign-ins.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The current password and the new one */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PasswordChange"];
                };
            };
            responses: {
                /** @description Changed; a new session for this device */
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
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email a link to choose a new password
         * @description The same answer whether or not an account with a password uses this email, so the form does not tell who has an account; when one does, an email in the given language carries a link that works once, for PASSWORD_RESET_TTL_SECONDS. Throttled per address and per email.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The account's email */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PasswordResetRequest"];
                };
            };
            responses: {
                /** @description If an account uses this email, the link is on its way */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordResetAsked"];
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
    "/api/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Choose a new password with the link from the email
         * @description Sets the password; every session of the account ends, and the answer is a new one for this device. A link works once: it is refused once expired or after any new password (400, field `token`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The link's token and the new password */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PasswordReset"];
                };
            };
            responses: {
                /** @description The password is set; signed in */
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
                    /** @description `next` from the previous page: the songs older than it */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of your jobs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            jobs: components["schemas"]["Job"][];
                            /** @description The cursor of the next (older) page; null on the last page */
                            next: string | null;
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
         * @description Reserves the song's credits and queues the order. The same Idempotency-Key with the same body answers as the first request did (202, the same job, `Idempotent-Replayed: true`), whatever the balance, limits or quota say by then; with another body, 422; while the first request is still being placed, 409 with Retry-After. Credits are debited only when the song is delivered, and refunded on failure, cancel or timeout.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description A unique key per order, e.g. a UUID. */
                    "idempotency-key": string;
                    /** @description The Cloudflare Turnstile token from the page's widget; required when the service has Turnstile turned on. */
                    "cf-turnstile-response"?: string;
                    /** @description The language (fr or en, by weight) of the emails about this order, sent when nobody is following it: its lyrics waiting for approval, the song ready, or the order stopped and refunded. By default, the song's. */
                    "accept-language"?: string;
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
                /** @description Accepted and queued, or the job this Idempotency-Key already created (`Idempotent-Replayed: true`) */
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
                /** @description `idempotency_in_progress`: The first request with this Idempotency-Key is still being processed; retry after the given delay. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `idempotency_conflict`: This Idempotency-Key was already used with another body. */
                422: {
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
         * @description The first revision of each song paid for is free (the ledger records it at 0 credits); later ones, and revisions of a free one, are charged like an order.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "idempotency-key": string;
                    /** @description The Cloudflare Turnstile token from the page's widget; required when the service has Turnstile turned on. */
                    "cf-turnstile-response"?: string;
                    /** @description The language (fr or en, by weight) of the emails about this order, sent when nobody is following it: its lyrics waiting for approval, the song ready, or the order stopped and refunded. By default, the song's. */
                    "accept-language"?: string;
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
                /** @description The revision, queued, or the one this Idempotency-Key already created (`Idempotent-Replayed: true`) */
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
                /** @description `conflict`: The request conflicts with the resource's current state. `idempotency_in_progress`: The first request with this Idempotency-Key is still being processed; retry after the given delay. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description `idempotency_conflict`: This Idempotency-Key was already used with another body. */
                422: {
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
    "/api/admin/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The alerts firing now, then those resolved in the last 24 hours */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Alerts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            alerts: components["schemas"]["Alert"][];
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
         * @description Written to the account's ledger as a grant, with the operator's id. The same Idempotency-Key with the same grant returns the first one and moves nothing; with another grant, 422.
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
                422: {
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
    "/api/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your account */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
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
        /**
         * Change your account's preferences
         * @description Orders placed from then on follow the new choice; one already running keeps the one it was placed with.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description What to change */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["AccountPreferences"];
                };
            };
            responses: {
                /** @description The account, changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
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
        trace?: never;
    };
    "/api/account/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything the account holds, as one JSON document
         * @description The account, every order with its brief, lyrics and takes (signed links, valid MEDIA_LINK_TTL_SECONDS), the credit ledger, projects and gifts.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The export, sent as a file to save */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountExport"];
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
    "/api/account/deletion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete your account, confirmed with your email or your password
         * @description Every session ends at once and the email and password are erased; a queued step then cancels and refunds running orders, revokes gifts and shares (their links answer 410), deletes the audio and erases briefs, lyrics and messages. The credit ledger is kept, with no one named in it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The confirmation */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["AccountDeletionRequest"];
                };
            };
            responses: {
                /** @description Deleted; the erasure finishes in the background */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountDeletion"];
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
    "/api/admin/account-deletions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Delete an account on the person's request (e.g. received by mail), or finish one still in progress */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The account, by email or id */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["AdminAccountDeletion"];
                };
            };
            responses: {
                /** @description Deleted; the erasure finishes in the background */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountDeletion"];
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
    "/api/billing/packs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Credit packs, their prices and what each makes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The packs on sale (none when billing is off) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Packs"];
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
    "/api/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start buying a pack: a Stripe Checkout page to send the person to
         * @description The credits arrive only once Stripe confirms the payment to the webhook; the page returns to the credits page.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The pack, the currency and the language */
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["CheckoutRequest"];
                };
            };
            responses: {
                /** @description Checkout started */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Checkout"];
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
    "/api/billing/purchases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your purchases, newest first, with Stripe's receipts; whether the account is on hold */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Purchases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Purchases"];
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
    "/api/billing/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's events (checkout completed, refunds, disputes)
         * @description The raw body must carry a valid, recent `Stripe-Signature` (400 otherwise, and nothing changes). Each event's effect is keyed in the ledger: repeated, concurrent or out-of-order deliveries grant or take back credits once. A refund for a payment not yet recorded answers 409, so Stripe delivers it again later.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "stripe-signature": string;
                };
                path?: never;
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
                        "application/json": components["schemas"]["BillingWebhookAck"];
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
    "/api/admin/billing/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Accounts on hold: refunded or disputed payments whose credits were already spent */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Open holds, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountHolds"];
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
    "/api/admin/billing/holds/{id}/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a hold: the account may order again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description Why */
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description What was decided, for the other operators */
                        note: string;
                    };
                };
            };
            responses: {
                /** @description The hold, cleared */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountHold"];
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
                code: "validation_failed" | "unauthorized" | "insufficient_credits" | "forbidden" | "challenge_failed" | "account_on_hold" | "not_found" | "conflict" | "gone" | "idempotency_conflict" | "payload_too_large" | "rate_limited" | "quota_exceeded" | "internal" | "unavailable" | "idempotency_in_progress";
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
        PasswordChange: {
            currentPassword: string;
            newPassword: string;
        };
        PasswordResetAsked: {
            /** @description How long the link in the email works. */
            expiresInSeconds: number;
        };
        PasswordResetRequest: {
            /** Format: email */
            email: string;
            /**
             * @description The language of the email: the page's.
             * @default en
             * @enum {string}
             */
            language?: "fr" | "en";
        };
        PasswordReset: {
            /** @description The token of the link in the email. */
            token: string;
            newPassword: string;
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
                code: "content_refused" | "copyright_refused" | "lyrics_invalid" | "engine_unavailable" | "engine_interrupted" | "engine_stalled" | "result_invalid" | "audio_refused" | "name_missing" | "lyrics_unavailable" | "canceled" | "timed_out" | "lyrics_expired";
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
            /** @description Who the song is for, if anyone: the lyrics must name them, the gift page and its cover show them. */
            recipientName?: string;
            /** @description How the name sounds, e.g. "ma-é-liss" for Maëlys: the lyrics keep the spelling, our singer sings this. */
            pronounceAs?: string;
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
            kind: "grant" | "hold" | "capture" | "release" | "revoke";
            amount: number;
            /** @description Why, in English, for operators. */
            reason: string;
            /**
             * @description Why, as a code to show in the reader's language.
             * @enum {string}
             */
            reasonKind: "welcome" | "added" | "order" | "revision" | "free_revision" | "delivered" | "refund" | "purchase" | "payment_reversed" | "price_difference";
            jobId: string | null;
            /** @description The title of the song the row is for, once its lyrics are written. */
            jobTitle: string | null;
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
            /** @description When each lyric line is sung in this take, where the engine knows it. */
            timings: {
                section: number;
                line: number;
                startSec: number;
                endSec: number;
            }[] | null;
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
        /** @description A shared take: its lyrics and a short-lived stream link; ask again before it expires. */
        PublicTrack: {
            id: string;
            title: string | null;
            durationSeconds: number | null;
            streamUrl: string;
            /** Format: date-time */
            expiresAt: string;
            lyrics: components["schemas"]["Lyrics"];
            /** @enum {string|null} */
            lyricsLanguage: "fr" | "en" | null;
            /** @description When each lyric line is sung, where the engine knows it. */
            timings: {
                section: number;
                line: number;
                startSec: number;
                endSec: number;
            }[] | null;
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
            /** @description Who it is for; null for a song for no one in particular. */
            recipientName: string | null;
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
            /** @description Who it is for; null for a song for no one in particular (its title stands for it). */
            recipientName: string | null;
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
                /** @description Of its calls, those that wrote lyrics: an engine whose calls all did is a lyrics writer, which makes no song */
                lyricsCalls: number;
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
            /** @description Credit packs paid in the window, per UTC day and per pack, in each currency; refunds as known now */
            revenue: {
                days: {
                    /** Format: date */
                    day: string;
                    /** @enum {string} */
                    currency: "eur" | "usd";
                    purchases: number;
                    paidCents: number;
                    refundedCents: number;
                }[];
                packs: {
                    pack: string;
                    /** @enum {string} */
                    currency: "eur" | "usd";
                    purchases: number;
                    credits: number;
                    paidCents: number;
                    refundedCents: number;
                }[];
            };
        };
        Alert: {
            /** @description The condition, e.g. "provider_down:suno". */
            key: string;
            /** @enum {string} */
            kind: "provider_down" | "failure_rate" | "cost_per_song" | "spend_per_hour";
            /** @description The engine it is about, if any. */
            engine: string | null;
            /** @enum {string} */
            state: "firing" | "resolved";
            /** @description In English, as announced to ALERT_WEBHOOK_URL. */
            message: string;
            /** Format: date-time */
            firedAt: string;
            /** Format: date-time */
            resolvedAt: string | null;
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
            /** @description Order to end, less any wait for the lyrics' approval, for finished jobs */
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
            /** @description Order to end, less any wait for the lyrics' approval, for finished jobs */
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
                kind: "grant" | "hold" | "capture" | "release" | "revoke";
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
        Account: {
            id: string;
            email: string | null;
            /** @enum {string} */
            role: "user" | "admin";
            /** @description Whether you are emailed about your orders when you are not on their page: lyrics to approve, song ready, order stopped and refunded. */
            orderEmails: boolean;
            /**
             * @description How the person signs in: with a password here, or through Supabase.
             * @enum {string}
             */
            signIn: "password" | "supabase";
            /** Format: date-time */
            createdAt: string;
        };
        AccountPreferences: {
            /** @description Whether you are emailed about your orders when you are not on their page: lyrics to approve, song ready, order stopped and refunded. */
            orderEmails: boolean;
        };
        AccountExport: {
            /** Format: date-time */
            exportedAt: string;
            /**
             * Format: date-time
             * @description When the takes' signed links expire; export again for fresh ones.
             */
            linksExpireAt: string;
            account: components["schemas"]["Account"];
            credits: {
                balance: number;
                reserved: number;
                available: number;
            };
            projects: {
                id: string;
                name: string;
                /** Format: date-time */
                createdAt: string;
            }[];
            orders: {
                id: string;
                /** @enum {string} */
                status: "QUEUED" | "WRITING_LYRICS" | "LYRICS_READY" | "GENERATING_MUSIC" | "POSTPROCESSING" | "DELIVERING" | "SUCCEEDED" | "FAILED" | "CANCELED" | "TIMED_OUT";
                /** @enum {string} */
                mode: "context" | "custom";
                title: string | null;
                projectId: string | null;
                parentJobId: string | null;
                credits: number;
                engine: string | null;
                error: {
                    code: string;
                    message: string | null;
                } | null;
                /** @description The brief as it was ordered (occasion, recipient, details…); null for your own lyrics. */
                brief?: unknown;
                lyrics: components["schemas"]["Lyrics"];
                /** @enum {string|null} */
                language: "fr" | "en" | null;
                /** @enum {string|null} */
                vocal: "female" | "male" | "instrumental" | null;
                styleTags: string[];
                mood: string | null;
                durationSeconds: number | null;
                pronunciations: {
                    [key: string]: string;
                } | null;
                takes: {
                    trackId: string;
                    takeIndex: number;
                    title: string | null;
                    format: string;
                    durationSeconds: number | null;
                    sizeBytes: number;
                    sha256: string;
                    shared: boolean;
                    streamUrl: string;
                    downloadUrl: string;
                    wavDownloadUrl: string | null;
                    /** Format: date-time */
                    createdAt: string;
                }[];
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                finishedAt: string | null;
            }[];
            ledger: {
                id: string;
                /** @enum {string} */
                kind: "grant" | "hold" | "capture" | "release" | "revoke";
                amount: number;
                reason: string;
                /** @enum {string} */
                reasonKind: "welcome" | "added" | "order" | "revision" | "free_revision" | "delivered" | "refund" | "purchase" | "payment_reversed" | "price_difference";
                jobId: string | null;
                /** Format: date-time */
                createdAt: string;
            }[];
            gifts: components["schemas"]["Gift"][];
        };
        AccountDeletion: {
            userId: string;
            /**
             * Format: date-time
             * @description When the deletion was asked for: every session of the account ended then.
             */
            deletedAt: string;
            /**
             * Format: date-time
             * @description When everything was erased; null while the queued step is still at work.
             */
            erasedAt: string | null;
        };
        AccountDeletionRequest: {
            /** @description The account's email, typed by the person (the account id for an account without one). */
            email?: string;
            /** @description The account's password, for accounts that have one. */
            password?: string;
        };
        AdminAccountDeletion: {
            /** Format: email */
            email?: string;
            userId?: string;
        };
        Packs: {
            /** @description False when payments are not configured: nothing can be bought. */
            enabled: boolean;
            creditsPerSong: number;
            packs: components["schemas"]["Pack"][];
        };
        Pack: {
            id: string;
            credits: number;
            prices: {
                /** @description In the currency's smallest unit (cents) */
                eur: number;
                /** @description In the currency's smallest unit (cents) */
                usd: number;
            };
            /** @description What the pack makes, per song length */
            songs: {
                durationSeconds: number;
                songs: number;
            }[];
        };
        Checkout: {
            purchaseId: string;
            /**
             * Format: uri
             * @description Stripe's checkout page
             */
            url: string;
        };
        CheckoutRequest: {
            pack: string;
            /** @enum {string} */
            currency: "eur" | "usd";
            /**
             * @description The checkout page's language, and the app's pages it returns to.
             * @enum {string}
             */
            language: "fr" | "en";
        };
        Purchases: {
            onHold: boolean;
            purchases: components["schemas"]["Purchase"][];
        };
        Purchase: {
            id: string;
            pack: string;
            credits: number;
            /** @enum {string} */
            currency: "eur" | "usd";
            /** @description What was paid */
            amountCents: number;
            /** @description In the currency's smallest unit (cents) */
            refundedCents: number;
            /** @enum {string} */
            status: "open" | "paid" | "refunded" | "disputed";
            /** @description Stripe's receipt */
            receiptUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            paidAt: string | null;
        };
        BillingWebhookAck: {
            received: boolean;
            /** @enum {string} */
            outcome: "granted" | "reversed" | "duplicate" | "ignored";
        };
        AccountHolds: {
            holds: components["schemas"]["AccountHold"][];
        };
        AccountHold: {
            id: string;
            userId: string;
            userEmail: string | null;
            purchaseId: string;
            /** @enum {string} */
            reason: "refund" | "dispute";
            /** @description Credits the reversal could not take back: already spent or held by orders */
            creditsShort: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            clearedAt: string | null;
            clearedBy: string | null;
            note: string | null;
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
