export { COVER_HEIGHT, COVER_WIDTH, type GiftCoverInput, renderGiftCover } from "./cover";
