import { engineContract } from "../contract.test-suite";
import { mubertHarness } from "./contract.harness";
import { mubertEngine } from "./engine";

engineContract({ descriptor: mubertEngine, ...mubertHarness });
