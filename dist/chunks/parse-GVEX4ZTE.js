import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  parseRules
} from "./chunk-RK3Y2SU6.js";
import "./chunk-AFMRJ4DY.js";
import "./chunk-6YJQBB6I.js";
import "./chunk-CZYETK37.js";
export {
  parseRules
};
