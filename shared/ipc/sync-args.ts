/** Argument schemas of the sync and publish calls; the host validates every call with these. */
import { z } from 'zod';

/** The remote's base URL: http(s) only, so a typo like `localhost:4100` is refused with a hint. */
export const remoteUrlSchema = z
  .string()
  .trim()
  .min(1)
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), {
    message: 'a URL starting with http:// or https://, e.g. http://127.0.0.1:4100',
  });

export const syncArgs = {
  /** `apiKey` absent keeps the stored key (changing only the URL or tenant). */
  connect: z
    .object({
      url: remoteUrlSchema,
      tenant: z.string().trim().min(1).max(63),
      apiKey: z.string().trim().min(1).max(500).optional(),
    })
    .strict(),
  /** `text` is the chosen result; for JSON kinds it must parse. `null` keeps the item deleted. */
  resolveConflict: z.object({ id: z.string().min(1).max(500), text: z.string().nullable() }).strict(),
  publish: z
    .object({
      /** The `draftHash` of the review the person confirmed. */
      draftHash: z.string().min(1),
      note: z.string().max(2000).optional(),
    })
    .strict(),
  rollback: z.object({ version: z.number().int().min(1), note: z.string().max(2000).optional() }).strict(),
};
