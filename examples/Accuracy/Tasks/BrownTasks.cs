using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Datasets.Brown;
using DataMux.Text;
using DataMux.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Accuracy.Tasks;

/// <summary>
/// The two Brown corpus tasks, on the accuracy peer's setup so that rows compare: documents in name order, every
/// tenth held out (ca01, ca11, ...: 50 of 500, every genre); words lower-cased; the 10,000 most frequent training
/// words plus padding and unknown; 32 words per sentence. Part-of-speech tagging labels every word with one of the
/// twelve coarse tags (<see cref="BrownTagset"/>), genre labels every sentence informative (documents a-j) or
/// imaginative (k-r). Both warm up on the training sentences' words.
/// </summary>
internal static class BrownTasks
{
    public const int Words = 10_000;
    public const int MaxLength = 32;

    /// <summary>Loads the corpus (downloaded on first use) and builds both tasks.</summary>
    /// <param name="validation">
    /// Hold out every tenth of the training documents instead (45 of the 450) and evaluate on them: settings are chosen
    /// there, and the held-out documents are never looked at while choosing.
    /// </param>
    public static (TaskData Pos, TaskData Genre) Load(bool validation = false)
    {
        var split = BrownCorpus.SplitByDocument(BrownCorpus.Load());
        if (validation) split = BrownCorpus.SplitByDocument(split.Train);
        var vocabulary = WordVocabulary.Fit(split.Train.Select(s => s.Words), Words, MaxLength);
        static IReadOnlyList<IReadOnlyList<long>> Tags(IReadOnlyList<TaggedSentence> sentences) =>
            sentences.Select(s => (IReadOnlyList<long>)s.Tags.Select(t => (long)BrownTagset.Label(t)).ToArray()).ToList();
        static Tensor Genres(IReadOnlyList<TaggedSentence> sentences) =>
            torch.tensor(sentences.Select(s => (long)BrownCorpus.ImaginativeProse(s.Document)).ToArray());

        var trainWords = split.Train.Select(s => s.Words).ToList();
        var testWords = split.Test.Select(s => s.Words).ToList();
        var (trainTokens, trainTags, trainReport) = vocabulary.EncodeLabelled(trainWords, Tags(split.Train), MultiplexedTrainer.IgnoreLabel);
        var (testTokens, testTags, testReport) = vocabulary.EncodeLabelled(testWords, Tags(split.Test), MultiplexedTrainer.IgnoreLabel);
        var description = $"Brown corpus: {split.Train.Count:N0} training / {split.Test.Count:N0} held-out sentences (50 of 500 documents held out); " +
            $"{vocabulary.Vocabulary:N0} ids; training: {trainReport.Describe(MaxLength)}; held out: {testReport.Describe(MaxLength)}";
        var pos = new TaskData("pos", trainTokens, trainTags, testTokens, testTags, trainTokens.clone(), description);
        var genre = new TaskData("genre", trainTokens.clone(), Genres(split.Train), testTokens.clone(), Genres(split.Test), trainTokens.clone(), description);
        return (pos, genre);
    }

    /// <summary>The training documents' sentences as text (words joined by spaces), for warm-ups with another vocabulary.</summary>
    public static IReadOnlyList<string> TrainingText() =>
        BrownCorpus.SplitByDocument(BrownCorpus.Load()).Train.Select(s => string.Join(' ', s.Words)).ToList();
}
