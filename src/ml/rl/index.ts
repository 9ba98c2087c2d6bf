/** RLHF math (reward model, PPO), framework-free: see README.md. */
export * from './head.js';
export * from './params.js';
export * from './ranking.js';
export * from './reward-model.js';
export * from './reward-train.js';
export * from './sequences.js';
export * from './shuffle.js';
export * from './ppo/config.js';
export * from './ppo/gae.js';
export * from './ppo/kl-controller.js';
export * from './ppo/losses.js';
export * from './ppo/rewards.js';
export * from './ppo/rollout.js';
export * from './ppo/sampler.js';
export * from './ppo/trainer.js';
