/**
 * Email providers whose addresses can be written several ways that reach the same inbox.
 * Used only for the separate "loose" email key; the exact key is never folded.
 */
export interface EmailProviderRule {
  /** Domains served by the provider. */
  domains: readonly string[];
  /** The domain used in the loose key when the provider's domains are aliases of one another. */
  canonicalDomain?: string;
  /** Full stops in the local part are ignored by the provider (Gmail). */
  ignoresDots: boolean;
  /** Everything after a '+' in the local part is ignored (sub-addressing). */
  ignoresPlusTag: boolean;
}

export const EMAIL_PROVIDER_RULES: readonly EmailProviderRule[] = [
  { domains: ['gmail.com', 'googlemail.com'], canonicalDomain: 'gmail.com', ignoresDots: true, ignoresPlusTag: true },
  { domains: ['outlook.com', 'hotmail.com', 'hotmail.co.uk', 'live.com', 'live.co.uk'], ignoresDots: false, ignoresPlusTag: true },
  { domains: ['icloud.com', 'me.com', 'mac.com'], canonicalDomain: 'icloud.com', ignoresDots: false, ignoresPlusTag: true },
  { domains: ['proton.me', 'protonmail.com', 'pm.me'], canonicalDomain: 'proton.me', ignoresDots: false, ignoresPlusTag: true },
];
