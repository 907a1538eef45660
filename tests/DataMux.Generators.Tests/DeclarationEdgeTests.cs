using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataMux.Generators.Tests;

/// <summary>
/// Declarations that used to break the generated file, crash the generator or add a diagnostic on top of the
/// compiler's (a third review of the generator): each now gets one precise error, or none of ours.
/// </summary>
public sealed class DeclarationEdgeTests
{
    private static readonly string Attributes = ModelSource.Attributes();

    private static GeneratorRun Run(string declarations) =>
        TestHelper.Run(ModelSource.File(declarations));

    [Theory]
    [InlineData("namespace DataMux { [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class TransformerAttribute : System.Attribute { public string? Hidden { get; set; } } }", "[Transformer(Hidden = \"wide\")]", "[Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]")]
    [InlineData("namespace DataMux { [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class MultiplexedAttribute : System.Attribute { public long N { get; set; } } }", "[Multiplexed(N = 1L << 40)]", "[Multiplexed(N = 2)]")]
    public void A_same_named_attribute_of_another_assembly_is_not_read(string attributeType, string use, string replaced)
    {
        // The compiler only warns (CS0436) and takes the source's type; the generator threw on its values (a
        // FormatException, an OverflowException: CS8785, which also cost every other model its file). Now such an
        // attribute is not ours to read: no model, no diagnostic of ours, no crash.
        var source = "using DataMux;\n" + attributeType + "\nnamespace Demo {\n/// <summary>M.</summary>\n" + Attributes.Replace(replaced, use) +
            "public partial class Model { }\n}";
        var compilation = TestHelper.Compile(source);
        var result = TestHelper.CreateDriver().RunGenerators(compilation).GetRunResult();

        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0436");
    }

    [Fact]
    public void A_misspelled_named_argument_is_the_compilers_error_alone()
    {
        // Roslyn leaves 'Hiden = 18' out of the named arguments: the generator read the default Hidden (128) and
        // reported DMX0010 about 128 and Heads = 3, or generated a model with Hidden = 128.
        var compilation = TestHelper.Compile(ModelSource.Model(transformer: "Hiden = 18, Heads = 3"));
        var result = TestHelper.CreateDriver().RunGenerators(compilation).GetRunResult();

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0246");
    }

    [Theory]
    [InlineData("[Transformer]\npublic struct S { }")]
    [InlineData("[SequenceClassification]\npublic interface IModel { }")]
    public void A_model_attribute_on_a_struct_or_interface_is_the_compilers_CS0592_alone(string declaration)
    {
        var run = Run(declaration);

        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0592");
    }

}
