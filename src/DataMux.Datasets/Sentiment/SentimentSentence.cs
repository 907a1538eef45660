namespace DataMux.Datasets.Sentiment;

/// <summary>One review sentence of the UCI Sentiment Labelled Sentences data set.</summary>
/// <param name="Text">The sentence as published.</param>
/// <param name="Label">1 for positive, 0 for negative.</param>
/// <param name="Source">Where the review comes from: <c>amazon</c>, <c>imdb</c> or <c>yelp</c>.</param>
public sealed record SentimentSentence(string Text, int Label, string Source);
