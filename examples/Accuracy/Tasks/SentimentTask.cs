using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Datasets;
using DataMux.Datasets.Sentiment;
using DataMux.Text;
using Microsoft.ML.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Accuracy.Tasks;

/// <summary>
/// The UCI Sentiment Labelled Sentences (3,000) as QuickStart splits them (20% held out, stratified by source and label,
/// a repeated sentence's copies on one side), GPT-2 tokens mapped to a 5,000-id vocabulary fitted on the training
/// sentences and the Brown training text, 32 tokens per sentence. It warms up on the Brown training text, so that it
/// shows what warm-up on other text brings to a tiny data set.
/// </summary>
internal static class SentimentTask
{
    public const int Vocabulary = 5_000;
    public const int MaxLength = 32;

    /// <param name="seed">Seed of the split.</param>
    /// <param name="validation">Hold out 20% of the training sentences instead, to choose settings without the test part.</param>
    public static TaskData Load(int seed = 42, bool validation = false)
    {
        var records = SentimentSentences.Load();
        static object SameText(SentimentSentence r) => r.Text.Trim().ToLowerInvariant();
        var split = TrainTestSplit.Stratified(records, r => (r.Source, r.Label), testFraction: 0.2, seed: seed, together: SameText);
        if (validation) split = TrainTestSplit.Stratified(split.Train, r => (r.Source, r.Label), testFraction: 0.2, seed: seed, together: SameText);
        Tokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt2");
        var trainTexts = split.Train.Select(r => r.Text).ToList();
        var warmupTexts = BrownTasks.TrainingText();
        var encoder = TokenEncoder.Fit(tokenizer, trainTexts.Concat(warmupTexts), Vocabulary, MaxLength);
        var (train, trainReport) = encoder.EncodeReported(trainTexts);
        var (test, testReport) = encoder.EncodeReported(split.Test.Select(r => r.Text).ToList());
        var (warmup, warmupReport) = encoder.EncodeReported(warmupTexts);
        static Tensor Labels(IReadOnlyList<SentimentSentence> rows) => torch.tensor(rows.Select(r => (long)r.Label).ToArray());
        var description = $"UCI sentiment: {split.Train.Count:N0} training / {split.Test.Count:N0} held-out sentences, GPT-2 tokens in {Vocabulary:N0} ids; " +
            $"training: {trainReport.Describe(MaxLength)}; held out: {testReport.Describe(MaxLength)}; warm-up (Brown text): {warmupReport.Describe(MaxLength)}";
        return new TaskData("sentiment", train, Labels(split.Train), test, Labels(split.Test), warmup, description);
    }
}
