// The lesson's numbers, in one place: the course's recv sizes and echo-lab's limits.

/** recv(1024): the course's TCP programs read at most this much per call. */
export const TCP_BUFSIZE = 1024;
/** recvfrom(2048): the course's UDP programs. */
export const UDP_BUFSIZE = 2048;
/** the longest line (or length-framed message) a receiver keeps before it must act: 64 KiB */
export const DEFAULT_MAX_LINE = 65536;
/** how long a client waits for a reply */
export const REPLY_TIMEOUT_S = 5;
/** --reliable: per-try timeout and retransmissions */
export const RELIABLE_TIMEOUT_S = 0.2;
export const RELIABLE_RETRIES = 20;
/** the unix socket path when none is given */
export const DEFAULT_UNIX_PATH = "/tmp/echo-lab.sock";
