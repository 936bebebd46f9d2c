/**
 * des-wasm/smartcard: GlobalPlatform SCP02 secure channels and MIFARE DESFire (EV1) DES / TDES
 * authentication and key diversification. Built on des-wasm's public API.
 */
export {};
