export { COVER_HEIGHT, COVER_WIDTH, type GiftCoverInput, renderGiftCover } from "./cover";
export { giftByToken, giftUrl, ownedGift, ownerGiftView, publicGiftView } from "./view";
