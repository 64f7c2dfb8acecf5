// Checksum status values shared by ip, tcp, udp, icmp (Wireshark's proto_checksum_vals).
import { vals } from "../field.ts";

export const CHECKSUM_STATUS = vals({ 0: "Bad", 1: "Good", 2: "Unverified", 3: "Not present", 4: "Illegal" });
export const CHECKSUM_UNVERIFIED = 2;
export const CHECKSUM_NOT_PRESENT = 3;
export const CHECKSUM_GOOD = 1;
export const CHECKSUM_BAD = 0;
