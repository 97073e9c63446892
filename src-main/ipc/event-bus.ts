/** The typed event bus for main → renderer pushes (docs/architecture.md, "The IPC contract"). */
import { EventEmitter } from 'node:events';
import type { Events } from '../../src-shared/ipc';

/** Emits contract events to listeners; `on` returns the unsubscribe function. */
export interface EventBus {
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** An EventBus over a Node EventEmitter. */
export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  return {
    emit: (event, payload) => void emitter.emit(event, payload),
    on: (event, listener) => {
      emitter.on(event, listener);
      return () => void emitter.off(event, listener);
    },
  };
}
