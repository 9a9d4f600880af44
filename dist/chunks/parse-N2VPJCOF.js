import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  parseRules
} from "./chunk-IAZIYXHR.js";
import "./chunk-PWSKND7J.js";
import "./chunk-6YJQBB6I.js";
import "./chunk-CZYETK37.js";
export {
  parseRules
};
