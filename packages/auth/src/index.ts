export {
  hashPassword,
  verifyPassword,
  argon2Options,
  createPasswordHashing,
  type PasswordHashing,
  type PasswordHashingSettings,
} from "./password";
export { QueueFullError, type BoundedQueue } from "./bounded-queue";
export { signSessionToken, verifySessionToken, secretKey, SESSION_TTL_SECONDS, type SessionClaims } from "./token";
export { loadAuthSecret, type SecretSettings } from "./secret";
export {
  signChallengeToken,
  verifyChallengeToken,
  passwordStamp,
  decoyChallengeKey,
  CHALLENGE_TTL_SECONDS,
  type ChallengeClaims,
} from "./challenge";
