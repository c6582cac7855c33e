export { formatGroundTruth, GroundTruth } from './groundTruth.js';
export { BLOCK_SIZE, expectedCounts, MIX, requestPlan } from './mix.js';
export { runLoad } from './runLoad.js';
export { seededRandom } from './seededRandom.js';
