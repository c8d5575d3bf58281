// The choices the order form and the variation form offer.
export const styles = ["pop", "folk", "chanson", "rock", "jazz", "ballad", "reggae", "electro", "country"] as const;
export const voices = ["female", "male", "instrumental"] as const;
