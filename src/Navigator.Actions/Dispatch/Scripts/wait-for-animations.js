// Settling after an action: resolves once the finite animations and transitions that started at
// or after `since` (the document timeline's time just before the action) have finished, or after
// `boundMs`. Infinite ones (spinners) and those already running before the action are not waited
// for; animations chained after the first ones are. Resolves to how many it waited for.
function waitForAnimations(since, boundMs) {
  const deadline = performance.now() + boundMs;
  const seen = new Set();
  const startedByAction = () => document.getAnimations().filter((animation) => {
    if (seen.has(animation) || animation.playState !== 'running' || !animation.effect) {
      return false;
    }
    if (animation.startTime !== null && animation.startTime < since) {
      return false;
    }
    return Number.isFinite(animation.effect.getComputedTiming().endTime);
  });
  const round = () => {
    const running = startedByAction();
    const left = deadline - performance.now();
    if (running.length === 0 || left <= 0) {
      return Promise.resolve(seen.size);
    }
    running.forEach((animation) => seen.add(animation));
    const finished = Promise.all(running.map((animation) => animation.finished.catch(() => null)));
    return Promise.race([finished, new Promise((resolve) => setTimeout(resolve, left))]).then(round);
  };
  return round();
}
