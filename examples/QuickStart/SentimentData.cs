using System;
using System.Collections.Generic;
using System.Linq;
using DataMux;
using DataMux.Datasets;
using DataMux.Datasets.Brown;
using DataMux.Datasets.Sentiment;
using DataMux.Text;
using Microsoft.ML.Tokenizers;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Examples.QuickStart;

/// <summary>The sentiment sentences split, tokenized and turned into tensors (CPU).</summary>
internal sealed class SentimentData : IDisposable
{
    private SentimentData(int trainCount, TokenEncoder encoder, Tensor trainTokens, Tensor trainLabels, Tensor testTokens, Tensor testLabels, Tensor warmupTokens)
    {
        TrainCount = trainCount;
        Encoder = encoder;
        TrainTokens = trainTokens;
        TrainLabels = trainLabels;
        TestTokens = testTokens;
        TestLabels = testLabels;
        WarmupTokens = warmupTokens;
    }

    public int TrainCount { get; }
    public TokenEncoder Encoder { get; }
    public Tensor TrainTokens { get; }
    public Tensor TrainLabels { get; }
    public Tensor TestTokens { get; }
    public Tensor TestLabels { get; }

    /// <summary>Unlabelled rows for the retrieval warm-up: the Brown corpus as text.</summary>
    public Tensor WarmupTokens { get; }

    /// <summary>
    /// Loads the 3,000 sentences, holds out 20% stratified by source and label, fits the compact vocabulary on the
    /// training texts and the warm-up text (the test texts never influence it) and encodes all three. The warm-up text
    /// is the Brown corpus (57,000 sentences, tags stripped): other text than the task's, as a user would have.
    /// </summary>
    /// <param name="seed">Seed of the split.</param>
    /// <param name="model">The models' configuration: the encoder takes its Vocabulary, MaxLength and padding id.</param>
    /// <param name="validation">
    /// Split the 80% training part once more (80/20, same seed) and use its 20% as the held-out part, so flags can be
    /// tuned without ever evaluating on the test set.
    /// </param>
    public static SentimentData Load(int seed, ModelConfiguration model, bool validation)
    {
        var records = SentimentSentences.Load();
        // The corpus holds some sentences more than once ("Works great." and others, same source and label): every copy
        // goes to the same side, so the held-out accuracy is never measured on a sentence seen in training.
        static object SameText(SentimentSentence r) => r.Text.Trim().ToLowerInvariant();
        var split = TrainTestSplit.Stratified(records, r => (r.Source, r.Label), testFraction: 0.2, seed: seed, together: SameText);
        if (validation) split = TrainTestSplit.Stratified(split.Train, r => (r.Source, r.Label), testFraction: 0.2, seed: seed, together: SameText);
        Tokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt2");
        var trainTexts = split.Train.Select(r => r.Text).ToList();
        var warmupTexts = BrownCorpus.Load().Select(s => string.Join(' ', s.Words)).ToList();
        var encoder = TokenEncoder.Fit(tokenizer, trainTexts.Concat(warmupTexts), model);
        return new SentimentData(
            split.Train.Count,
            encoder,
            encoder.Encode(trainTexts),
            Labels(split.Train),
            encoder.Encode(split.Test.Select(r => r.Text).ToList()),
            Labels(split.Test),
            encoder.Encode(warmupTexts));
    }

    /// <summary>Share of non-padding test tokens that fell outside the compact vocabulary.</summary>
    public double TestUnknownRate()
    {
        using var scope = NewDisposeScope();
        // Ids held as Scalars: an implicitly converted one can be freed by the finalizer during the call.
        using var padding = TokenEncoder.PaddingId.ToScalar();
        using var unknownId = TokenEncoder.UnknownId.ToScalar();
        var real = TestTokens.ne(padding).sum().item<long>();
        var unknown = TestTokens.eq(unknownId).sum().item<long>();
        return (double)unknown / real;
    }

    private static Tensor Labels(IReadOnlyList<SentimentSentence> records) => tensor(records.Select(r => (long)r.Label).ToArray());

    public void Dispose()
    {
        TrainTokens.Dispose();
        TrainLabels.Dispose();
        TestTokens.Dispose();
        TestLabels.Dispose();
        WarmupTokens.Dispose();
    }
}
