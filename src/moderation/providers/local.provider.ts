import { loadClassifier } from '../../ml/classifier/io.js';
import { disposeClassifier, scoreTexts, thresholdsOf, type Classifier } from '../../ml/classifier/model.js';
import type { CategoryScores } from '../../ml/classifier/categories.js';
import type { ModerationProvider } from './moderation-provider.js';

/** The project's own classifier, on the main thread: a small MLP scores a message in about a millisecond. */
export class LocalModerationProvider implements ModerationProvider {
  readonly name = 'local';

  private constructor(
    private classifier: Classifier,
    public modelVersion: string,
  ) {}

  static async load(dir: string, versionName: string): Promise<LocalModerationProvider> {
    return new LocalModerationProvider(await loadClassifier(dir), versionName);
  }

  get suggestedThresholds(): CategoryScores {
    return thresholdsOf(this.classifier);
  }

  async score(texts: string[]): Promise<CategoryScores[]> {
    return scoreTexts(this.classifier, texts);
  }

  /** Hot swap after a retrained version is promoted. */
  async reload(dir: string, versionName: string): Promise<void> {
    const next = await loadClassifier(dir);
    const previous = this.classifier;
    this.classifier = next;
    this.modelVersion = versionName;
    disposeClassifier(previous);
  }
}
