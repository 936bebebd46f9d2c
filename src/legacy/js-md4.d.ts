// The part of js-md4 (emn178/js-md4, MIT) that src/legacy/md4.ts uses. The package ships no types.
declare module 'js-md4' {
  interface Md4 {
    update(message: Uint8Array): Md4;
    arrayBuffer(): ArrayBuffer;
  }
  interface Md4Module {
    create(): Md4;
  }
  const md4: Md4Module;
  export default md4;
}
