"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const core_1 = require("../../../libs/core/src");
console.log(core_1.CORE);
//# sourceMappingURL=main.js.map