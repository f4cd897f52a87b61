/** Variables the service fills in; callers cannot set them. */
export const SYSTEM_VARIABLES = ['code', 'ttl', 'name', 'sign', 'template'] as const;
export type SystemVariable = (typeof SYSTEM_VARIABLES)[number];

export const isSystemVariable = (name: string): name is SystemVariable =>
  (SYSTEM_VARIABLES as readonly string[]).includes(name);

/** Longest message, signature included, in characters. */
export const MAX_MESSAGE_LENGTH = 500;
/** Longest caller variable value (Aliyun's limit for a non-code variable). */
export const MAX_CALLER_VARIABLE_LENGTH = 35;
export const MAX_CALLER_VARIABLES = 20;
/** Longest signature text inside 【】. */
export const MAX_SIGNATURE_LENGTH = 20;
/** Longest code (SMS_CODE_LENGTH) and ttl (SMS_CODE_TTL_MINUTES), for worst-case lengths. */
export const MAX_CODE_LENGTH = 8;
export const MAX_TTL_MINUTES = 30;
