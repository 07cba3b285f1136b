// Checks a LiveKit access token the way a LiveKit server does (livekit-server-sdk's TokenVerifier)
// and prints its claims as JSON, or {"error": ...}: node verify-token.mjs <apiKey> <apiSecret> <token>
import { TokenVerifier } from 'livekit-server-sdk';

const [key, secret, token] = process.argv.slice(2);
try {
  console.log(JSON.stringify(await new TokenVerifier(key, secret).verify(token)));
} catch (error) {
  console.log(JSON.stringify({ error: error.code ?? error.message }));
}
