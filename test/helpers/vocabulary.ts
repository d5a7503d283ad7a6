// Words that belong to training and serving an ML model, not to an LLM application built on a
// hosted or pinned foundation model (prompts, retrieval, evaluation sets).
export const ML_TRAINING_VOCABULARY: RegExp[] = [
  /\btrain(ing|ed|s)?\b/i,
  /\bretrain\w*/i,
  /\bhyper-?parameters?\b/i,
  /\b(random )?seeds?\b/i,
  /\bset_seed\b/,
  /\bPYTHONHASHSEED\b/,
  /\bfeature (store|skew|engineering|importance|drift|null|pipeline|jobs?|code|values?|transformations?|backfills?)\b/i,
  /\b(input )?features? (null rates?|names)\b/i,
  /\bPSI\b|population stability/i,
  /\bLightGBM\b|\bXGBoost\b|\blgbm\b/i,
  /\bscikit-learn\b|\bsklearn\b/i,
  /\bSHAP\b/,
  /\bgradient[- ]boost\w*/i,
  /\bepochs?\b/i,
  /\bmodel staleness\b/i,
  /\bloss decreases\b/i,
  /训练/,
  /超参数/,
  /随机种子/,
  /特征(工程|存储|偏差|漂移|重要性|代码|任务|回填|空值|名)/,
  /梯度提升/,
  // Metrics of a predictive model that a domain section might carry over to an LLM application.
  /\bNDCG\b|\bprecision@|\brecall@|\bROC\b|\bAUC\b/,
  /\b(sensitivity|specificity)\b(?! \|$)|灵敏度|特异度/i,
  /\breason codes?\b|原因代码|原因码/i,
  /\bpartial dependence\b|部分依赖/i,
];

/** The lines of `text` holding a word of the list, with the word. */
export function vocabularyHits(text: string): { line: number; word: string; text: string }[] {
  return text.split('\n').flatMap((line, index) => {
    const match = ML_TRAINING_VOCABULARY.map((pattern) => pattern.exec(line)).find((found) => found);
    return match ? [{ line: index + 1, word: match[0], text: line.trim() }] : [];
  });
}
