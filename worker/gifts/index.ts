export { COVER_HEIGHT, COVER_WIDTH, coverWords, type GiftCoverInput, renderGiftCover } from "./cover";
export { giftByToken, giftUrl, ownedGift, ownerGiftView, publicGiftView, takeLyrics } from "./view";
