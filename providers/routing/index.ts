export { admits, type Circuit, closedCircuit, probing, recordOutcome } from "./breaker";
export { bucket } from "./bucket";
export { type RoutingConfig, type RoutingConfigInput, routingConfigSchema } from "./config";
export { blindPair, blindProviderId, type Route, type RouteInput, route } from "./route";
