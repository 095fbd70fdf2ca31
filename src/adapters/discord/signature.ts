import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { APIInteraction } from 'discord.js';

// Discord signs with Ed25519; Node takes raw public keys wrapped in this SPKI DER header.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Requests signed longer ago than this are replays and get 401. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

/** The Node key object for Discord's hex application public key. */
export function discordPublicKey(hex: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/**
 * Checks `X-Signature-Ed25519` over timestamp + body, and that the timestamp is recent
 * (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers).
 */
export function isValidDiscordRequest(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): boolean {
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp))
    return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'));
}

/**
 * A light check that a payload is an interaction before it is treated as one: Discord signed it (HTTP)
 * or sent it over the gateway, so only the shape that routing relies on is verified here.
 */
export function isInteraction(value: unknown): value is APIInteraction {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.token === 'string' && typeof v.type === 'number';
}
