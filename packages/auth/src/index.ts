export { hashPassword, verifyPassword, decoyHash, argon2Options } from "./password";
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
