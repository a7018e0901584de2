"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CORE = void 0;
exports.CORE = 'core';
//# sourceMappingURL=index.js.map