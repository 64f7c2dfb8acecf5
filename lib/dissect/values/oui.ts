// Vendor names by OUI: replaced by the table scripts/gen-oui.ts writes from the IEEE registry.
export const OUI_NAMES: ReadonlyMap<number, string> = new Map();
