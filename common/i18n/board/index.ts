import type { Domain } from '../catalogue-types.js';
import { ar } from './ar.js';
import { en } from './en.js';
import { fil } from './fil.js';
import { id } from './id.js';
import { ms } from './ms.js';
import { th } from './th.js';
import { vi } from './vi.js';
import { zh } from './zh.js';

export const board: Domain<typeof en> = { en, id, ms, fil, th, vi, ar, zh };
