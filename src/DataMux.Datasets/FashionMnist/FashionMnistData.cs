namespace DataMux.Datasets.FashionMnist;

/// <summary>Fashion-MNIST's published split: 60,000 training and 10,000 test images.</summary>
public sealed record FashionMnistData(ImageSet Train, ImageSet Test);
