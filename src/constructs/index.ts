export * from './jwt-key-secret.js';
export * from './labels.js';
export * from './rasa-bot.js';
export * from './rasa-config.js';
export * from './rasa-files.js';
export * from './rasa-ingress.js';
export * from './rasa-server.js';
export * from './rasa-service.js';
