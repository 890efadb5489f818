import { z } from 'zod';
import { isoInstantSchema, pageOf, pageQuerySchema } from '../../core/contract/paging.js';

export const channelKinds = ['email', 'sms', 'zalo'] as const;
export const channelKindSchema = z.enum(channelKinds);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/** `recorded`: a development adapter (or e-mail without SMTP) kept the message instead of sending it. */
export const messageStatuses = ['sent', 'failed', 'recorded'] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** One delivery attempt as admins see it: masked recipient, no body. */
export const deliveryLogEntrySchema = z.object({
  id: z.string(),
  channel: channelKindSchema,
  recipient: z.string(),
  template: z.string(),
  subject: z.string().nullable(),
  status: messageStatusSchema,
  error: z.string().nullable(),
  createdAt: isoInstantSchema,
  sentAt: isoInstantSchema.nullable(),
});
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntrySchema>;

export const listDeliveryLogQuerySchema = z.strictObject({
  ...pageQuerySchema.shape,
  channel: channelKindSchema.optional(),
  status: messageStatusSchema.optional(),
  template: z.string().max(100).optional(),
  lang: z.string().optional(),
});
export type ListDeliveryLogQuery = z.infer<typeof listDeliveryLogQuerySchema>;

export const deliveryLogPageSchema = pageOf(deliveryLogEntrySchema);
export type DeliveryLogPage = z.infer<typeof deliveryLogPageSchema>;
