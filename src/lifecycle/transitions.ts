// The lifecycle's writes, in one place for the commands: the moves (moves.ts) and the sign-offs (sign-offs.ts).
export * from './moves.js';
export * from './sign-offs.js';
