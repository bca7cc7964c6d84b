import { connect } from "@twauth/config";

const api = await connect(); // finds twauth.config.yaml, loads .env, validates everything
const me = await api.verifyCredentials();
console.log(`authenticated as @${me.username} with a ${me.tokenType} token`);
api.close();
