// Placeholder for the benchmarks (`npm run bench`). To be replaced.
console.log("bench: no benchmarks yet");
