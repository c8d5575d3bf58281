export { billingConfig, songsFor, type Billing, type Pack } from "./packs";
export { startCheckout, type CheckoutRequest } from "./checkout";
export { handleEvent, type EventOutcome } from "./events";
export { isOnHold, openHoldQuery, refuseIfOnHold, openHolds, clearHold } from "./holds";
export { stripeClient, verifiedEvent } from "./stripe";
