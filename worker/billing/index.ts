export { type CheckoutRequest, startCheckout } from "./checkout";
export { type EventOutcome, handleEvent } from "./events";
export { clearHold, isOnHold, openHoldQuery, openHolds, refuseIfOnHold } from "./holds";
export { type Billing, billingConfig, type Pack, songsFor } from "./packs";
export { stripeClient, verifiedEvent } from "./stripe";
