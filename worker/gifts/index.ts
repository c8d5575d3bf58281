export { giftByToken, giftUrl, ownedGift, ownerGiftView, publicGiftView } from "./view";
