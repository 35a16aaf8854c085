import { createHash } from "node:crypto";

/**
 * Digest of a report's MDX text (sha256, first 16 hex digits). The PDF/A carries it in its
 * keywords («mdx-sha256 …», stored uncompressed in the XMP packet) so `prensa validar` can tell a
 * PDF made from an older text, for example before the head of press wrote the conclusions.
 */
export const huellaMdx = (mdx: string): string => createHash("sha256").update(mdx).digest("hex").slice(0, 16);
