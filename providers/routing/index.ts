export { routingConfigSchema, type RoutingConfig, type RoutingConfigInput } from "./config";
export { route, blindProviderId, type Route, type RouteInput } from "./route";
export { bucket } from "./bucket";
export { admits, probing, recordOutcome, closedCircuit, type Circuit } from "./breaker";
