using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static DataMux.Generators.Tests.ModelSource;

namespace DataMux.Generators.Tests;

/// <summary>
/// The diagnostics, grouped by DMX id (tests named DMX####_...): each one's severity, the exact text it points at, and
/// that the class gets no source; between them, the neighbouring cases the generator leaves to the compiler or accepts.
/// Sources come from <see cref="ModelSource"/>, so a test states only what it varies.
/// </summary>
public sealed class DiagnosticTests
{
    /// <summary>Runs the generator, asserts exactly one error and no source, and returns the error with the text it points at.</summary>
    private static (Diagnostic Diagnostic, string Text) SingleError(string source, string id)
    {
        var run = TestHelper.Run(source);
        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return (diagnostic, run.SpanText(diagnostic));
    }

    /// <summary>A problem the compiler reports itself: no source and no diagnostic of ours on top of its <paramref name="compilerId"/>.</summary>
    private static void AssertLeftToTheCompiler(GeneratorRun run, string compilerId)
    {
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Sources);
        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == compilerId);
    }

    [Fact]
    public void DMX0001_class_not_partial_points_at_the_class_name()
    {
        var (diagnostic, text) = SingleError(Model(declaration: "public class SentimentModel"), "DMX0001");
        Assert.Equal("SentimentModel", text);
        Assert.Equal("'SentimentModel' must be declared partial so that DataMux can generate its model", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("N = 2)]\n[Multiplexed(N = 4", "CS0579")]
    [InlineData("N = \"two\"", "CS0029")]
    public void DMX0001_stands_beside_a_compiler_error_in_the_attributes(string multiplexed, string compilerError)
    {
        // The compiler's error alone was reported, and DMX0001 came only after it was fixed: one problem per build.
        var run = TestHelper.Run(File(Attributes(multiplexed) + "public class Model { }"));

        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == compilerError);
        Assert.Empty(run.Sources);
        Assert.Equal("DMX0001", Assert.Single(run.Diagnostics).Id);
    }

    [Theory]
    [InlineData("public static partial class Model", "static")]
    [InlineData("public partial class Model<T>", "generic")]
    [InlineData("file partial class Model", "file-local")]
    [InlineData("public partial record Model", "a record")]
    public void DMX0002_static_or_generic_class_is_rejected(string declaration, string reason)
    {
        var (diagnostic, text) = SingleError(Model(declaration: declaration), "DMX0002");
        Assert.Equal("Model", text);
        Assert.Equal($"'Model' cannot be a multiplexed model because it is {reason}", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0002_model_nested_in_a_generic_type_points_at_the_container()
    {
        var source = Model(declaration: "public partial class Inner")
            .Replace("/// <summary>A model.</summary>", "/// <summary>Generic.</summary>\npublic partial class Outer<T>\n{\n/// <summary>A model.</summary>")
            + "\n}";
        var (diagnostic, text) = SingleError(source, "DMX0002");
        Assert.Equal("Outer", text);
        Assert.Equal("'Inner' cannot be a multiplexed model because it is nested in the generic type 'Outer'", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0002_model_nested_in_a_file_local_type_points_at_the_container()
    {
        // The generated part would declare a second, ordinary Outer, and the model would get nothing.
        var source = Model(declaration: "public partial class Inner")
            .Replace("/// <summary>A model.</summary>", "file partial class Outer\n{\n/// <summary>A model.</summary>")
            + "\n}";
        var (diagnostic, text) = SingleError(source, "DMX0002");
        Assert.Equal("Outer", text);
        Assert.Equal("'Inner' cannot be a multiplexed model because it is nested in the file-local type 'Outer'", diagnostic.GetMessage());
    }

    [Fact]
    public void A_base_type_that_does_not_resolve_is_left_to_the_compiler()
    {
        var run = TestHelper.Run(Model(declaration: "public partial class Model : Missing"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "DMX0004");
        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS0246");
    }

    [Fact]
    public void A_record_struct_is_left_to_the_compiler()
    {
        AssertLeftToTheCompiler(TestHelper.Run(Model(declaration: "public partial record struct Model")), "CS0592");
    }

    [Fact]
    public void Message_arguments_do_not_depend_on_the_culture()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("sv-SE");   // writes -3 with U+2212
        try
        {
            var (diagnostic, _) = SingleError(Model(multiplexed: "N = -3"), "DMX0008");
            Assert.Equal("N must be at least 1, but is -3", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void DMX0002_a_primary_constructor_points_at_its_parameter_list()
    {
        // Generated anyway, the file failed with CS8862: its constructor cannot chain to the primary one.
        var run = TestHelper.Run(File(Attributes() + "public partial class Model(int size) { /// <summary>S.</summary>\n public int Size => size; }"));

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0002", diagnostic.Id);
        Assert.Equal("(int size)", run.SpanText(diagnostic));
        Assert.Contains("declared with a primary constructor", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0003_containing_type_not_partial_points_at_the_container()
    {
        var source = Model(declaration: "public partial class Inner")
            .Replace("/// <summary>A model.</summary>", "/// <summary>Not partial.</summary>\npublic class Outer\n{\n/// <summary>A model.</summary>")
            + "\n}";
        var (diagnostic, text) = SingleError(source, "DMX0003");
        Assert.Equal("Outer", text);
        Assert.Equal("'Inner' is nested in 'Outer', which must also be declared partial", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0004_declared_base_class_points_at_the_base_type()
    {
        var (diagnostic, text) = SingleError(Model(declaration: "public partial class Model : System.Random"), "DMX0004");
        Assert.Equal("System.Random", text);
        Assert.Contains("(found 'System.Random')", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0004_an_explicit_object_base_points_at_it()
    {
        var run = TestHelper.Run(File(Attributes() + "public partial class Model : object { }"));

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0004", diagnostic.Id);
        Assert.Equal("object", run.SpanText(diagnostic));
    }

    [Theory]
    [InlineData("using System;\nnamespace Demo;\npartial class Model : Object { }", "Object")]
    [InlineData("using O = System.Object;\nnamespace Demo;\npartial class Model : O { }", "O")]
    public void DMX0004_an_object_base_written_in_another_file(string otherPart, string written)
    {
        // Only 'object', 'System.Object' and 'global::System.Object' are recognised in other files: 'Object' under
        // 'using System;' or an alias is missed, the model is generated, and the build fails with CS0263 plus CS1729,
        // CS0103 and CS0311 inside the generated file.
        var run = TestHelper.Run(File(Attributes() + "public partial class Model { }"), otherPart);

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0004", diagnostic.Id);
        Assert.Equal(written, run.SpanText(diagnostic));
    }

    [Fact]
    public void DMX0004_a_base_class_in_another_part_points_where_it_is_written()
    {
        // DMX0004 points at the class name in the attributed file, not at ': B' in the file that declares it.
        var run = TestHelper.Run(File(Attributes() + "public partial class Model { }"), "namespace Demo;\n/// <summary>B.</summary>\npublic class B { }\npartial class Model : B { }");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0004", diagnostic.Id);
        Assert.Equal("B", run.SpanText(diagnostic));
        Assert.Equal("Other1.cs", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void DMX0005_missing_backbone_points_at_the_multiplexed_attribute()
    {
        var source = Model().Replace("[Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]\n", string.Empty);
        var (diagnostic, text) = SingleError(source, "DMX0005");
        Assert.Equal("Multiplexed(N = 2)", text);
        Assert.Equal("'Model' needs a backbone attribute: [Transformer], [Backbone], [Mlp] or [Cnn]", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0006_missing_task_points_at_the_multiplexed_attribute()
    {
        var source = Model().Replace("[SequenceClassification]\n", string.Empty);
        var (_, text) = SingleError(source, "DMX0006");
        Assert.Equal("Multiplexed(N = 2)", text);
    }

    [Fact]
    public void DMX0007_two_tasks_point_at_the_token_task()
    {
        var (_, text) = SingleError(Model(task: "SequenceClassification, TokenClassification(Labels = 3)"), "DMX0007");
        Assert.Equal("TokenClassification(Labels = 3)", text);
    }

    [Fact]
    public void DMX0008_N_below_one_points_at_the_argument()
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: "N = 0"), "DMX0008");
        Assert.Equal("N = 0", text);
        Assert.Equal("N must be at least 1, but is 0", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Layers = 0", "Layers must be at least 1, but is 0")]
    [InlineData("Hidden = -16", "Hidden must be at least 1, but is -16")]
    [InlineData("Heads = 0", "Heads must be at least 1, but is 0")]
    [InlineData("MaxLength = 0", "MaxLength must be at least 1, but is 0")]
    [InlineData("Vocabulary = 0", "Vocabulary must be at least 1, but is 0")]
    [InlineData("FeedForward = -1", "FeedForward must be positive, or 0 for 4 * Hidden, but is -1")]
    public void DMX0009_non_positive_backbone_size_points_at_the_argument(string argument, string message)
    {
        var transformer = argument.StartsWith("Hidden") || argument.StartsWith("Heads") ? argument : "Hidden = 16, Heads = 2, " + argument;
        var (diagnostic, text) = SingleError(Model(transformer: transformer), "DMX0009");
        Assert.Equal(argument, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Hidden = 536870912, Heads = 2", "Hidden = 536870912", "Hidden must be at most 536870911 (FeedForward = 0 makes the feed-forward width 4 * Hidden), but is 536870912")]
    [InlineData("Hidden = 16, Heads = 2, MaxLength = int.MaxValue", "MaxLength = int.MaxValue", "MaxLength must be at most 2147483644 (with N = 2), but is 2147483647")]
    [InlineData("Hidden = 16, Heads = 2, Vocabulary = 2147483644", "Vocabulary = 2147483644", "Vocabulary must be at most 2147483643 (with N = 2), but is 2147483644")]
    public void DMX0009_sizes_whose_derived_sizes_overflow_point_at_the_argument(string transformer, string argument, string message)
    {
        var (diagnostic, text) = SingleError(Model(transformer: transformer), "DMX0009");
        Assert.Equal(argument, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void The_largest_sizes_that_fit_are_accepted()
    {
        var run = TestHelper.Run(Model(transformer: "Hidden = 16, Heads = 2, MaxLength = 2147483644, Vocabulary = 2147483643"));
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        var widest = TestHelper.Run(Model(multiplexed: "N = 46340", transformer: "Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50"));
        Assert.Empty(widest.Diagnostics);
        // The bound is the index demux's: the MLP demux has no N * (N + 1) array.
        var mlp = TestHelper.Run(Model(multiplexed: "N = 46341, Demux = Demux.Mlp", transformer: "Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50"));
        Assert.Empty(mlp.Diagnostics);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-3)]
    [InlineData(19)]
    public void DMX0009_a_context_window_that_is_not_odd_from_three_to_twice_MaxLength_plus_one_points_at_it(int window)
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: $"N = 2, ContextWindow = {window}"), "DMX0009");
        Assert.Equal($"ContextWindow = {window}", text);
        Assert.Equal(
            "ContextWindow must be 0 (no context layer) or an odd number of positions from 3 to 17 (the token and as many neighbours on each side; " +
            $"a wider window than 2 * MaxLength + 1 sees only padding), but is {window}", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0009_an_N_whose_index_prefix_overflows_points_at_the_argument()
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: "N = 46341"), "DMX0009");
        Assert.Equal("N = 46341", text);
        Assert.Equal("N must be at most 46340 (the index demux's prefix holds N * (N + 1) ids in one array), but is 46341", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("SequenceClassification(Classes = 1)", "Classes = 1", "Classes must be at least 2, but is 1")]
    [InlineData("TokenClassification(Labels = 0)", "Labels = 0", "Labels must be at least 2, but is 0")]
    public void DMX0009_fewer_than_two_outputs_points_at_the_argument(string task, string argument, string message)
    {
        var (diagnostic, text) = SingleError(Model(task: task), "DMX0009");
        Assert.Equal(argument, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0009_an_N_too_large_for_the_embedding_table_points_at_N_alone()
    {
        // It read "MaxLength must be at most -1" and "Vocabulary must be at most -2", on those arguments.
        var run = TestHelper.Run(Model(multiplexed: "N = int.MaxValue, Demux = Demux.Mlp"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0009", diagnostic.Id);
        Assert.Equal("N = int.MaxValue", run.SpanText(diagnostic));
        Assert.Contains("at most 2147483644 (the embedding table holds Vocabulary + N + 2 rows)", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Hidden = 100, Heads = 3", "Heads = 3", "Hidden (100) must be divisible by Heads (3)")]
    [InlineData("Hidden = 130", "Hidden = 130", "Hidden (130) must be divisible by Heads (4)")]
    public void DMX0010_hidden_not_divisible_by_heads_points_at_heads_or_hidden(string transformer, string argument, string message)
    {
        var (diagnostic, text) = SingleError(Model(transformer: transformer), "DMX0010");
        Assert.Equal(argument, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("PaddingToken = 50", "PaddingToken must be in [0, 50) (the Vocabulary), but is 50")]
    [InlineData("PaddingToken = -1", "PaddingToken must be in [0, 50) (the Vocabulary), but is -1")]
    public void DMX0011_padding_token_outside_vocabulary_points_at_the_argument(string argument, string message)
    {
        var (diagnostic, text) = SingleError(Model(transformer: "Vocabulary = 50, " + argument), "DMX0011");
        Assert.Equal(argument, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Dropout = 1.0", "1")]
    [InlineData("Dropout = -0.25", "-0.25")]
    [InlineData("Dropout = double.NaN", "NaN")]
    public void DMX0012_dropout_outside_unit_interval_points_at_the_argument(string argument, string given)
    {
        var (diagnostic, text) = SingleError(Model(transformer: "Hidden = 16, Heads = 2, " + argument), "DMX0012");
        Assert.Equal(argument, text);
        Assert.Equal($"Dropout must be in [0, 1), but is {given}", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Dropout = 1.0", "1")]
    [InlineData("Dropout = double.NaN", "NaN")]
    public void DMX0012_an_mlps_dropout_outside_unit_interval_points_at_the_argument(string argument, string given)
    {
        var (diagnostic, text) = SingleError(ImageModel(backbone: "Mlp(Inputs = 4, " + argument + ")"), "DMX0012");
        Assert.Equal(argument, text);
        Assert.Equal($"Dropout must be in [0, 1), but is {given}", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0013_binary_hadamard_with_more_inputs_than_features_points_at_N()
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: "N = 32, Mux = Mux.BinaryHadamard"), "DMX0013");
        Assert.Equal("N = 32", text);
        Assert.Equal("Mux = BinaryHadamard gives every input a block of Hidden / N features, so N (32) must not exceed Hidden (16)", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("N = 1, Mux = Mux.None", "Mux = Mux.None", "Mux = None has no mix to demultiplex, but Demux is IndexEmbedding; set Demux = Demux.None")]
    [InlineData("N = 1, Demux = Demux.None", "Demux = Demux.None", "Demux = None reads one input per backbone pass, but Mux is GaussianHadamard; set Mux = Mux.None")]
    [InlineData("N = 2, Mux = Mux.None, Demux = Demux.None", "N = 2", "N must be 1 (one input per backbone pass), but is 2")]
    public void DMX0019_the_plain_backbone_needs_Mux_None_Demux_None_and_N_1(string multiplexed, string at, string why)
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: multiplexed), "DMX0019");
        Assert.Equal(at, text);   // the argument that is written: the missing one has no place to point at
        Assert.Equal("The plain backbone takes Mux = Mux.None, Demux = Demux.None and N = 1 together: " + why, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("0.0", "0")]
    [InlineData("-20", "-20")]
    [InlineData("double.NaN", "NaN")]
    [InlineData("double.PositiveInfinity", "∞")]
    public void DMX0020_a_mux_norm_that_is_not_positive_and_finite_points_at_MuxNorm(string value, string shown)
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: $"N = 2, MuxNorm = {value}"), "DMX0020");
        Assert.Equal($"MuxNorm = {value}", text);
        Assert.Equal($"MuxNorm must be positive and finite, but is {(shown == "∞" ? "Infinity" : shown)}", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("N = 2, Mux = Mux.Orthogonal, MuxNorm = 20", "MuxNorm = 20", "MuxNorm does not apply to Mux = Orthogonal: it is the norm of the Gaussian Hadamard vectors; remove it or use Mux.GaussianHadamard or Mux.Contextual")]
    [InlineData("N = 2, Mux = Mux.Identity, LearnMux = true", "LearnMux = true", "LearnMux = true does not apply to Mux = Identity: it has no transform to learn; remove LearnMux")]
    [InlineData("N = 2, Mux = Mux.Learned, LearnMux = true", "LearnMux = true", "LearnMux = true does not apply to Mux = Learned: its maps are trained anyway; remove LearnMux")]
    [InlineData("N = 1, Mux = Mux.None, Demux = Demux.None, Reembed = true", "Reembed = true", "Reembed = true does not apply to Mux = None: there is no mix to embed again; remove Reembed")]
    [InlineData("N = 2, Demux = Demux.Mlp, InputShortcut = true", "InputShortcut = true", "InputShortcut = true does not apply to Demux = Mlp: the shortcut's rows are added to the index demux's projection; use Demux.IndexEmbedding or remove InputShortcut")]
    [InlineData("N = 1, Mux = Mux.None, Demux = Demux.None, ContextWindow = 3", "ContextWindow = 3", "ContextWindow = 3 does not apply to Mux = None: there is no mix to give context before; remove ContextWindow")]
    [InlineData("N = 2, Mux = Mux.Contextual, ContextWindow = 5", "ContextWindow = 5", "ContextWindow = 5 does not apply to Mux = Contextual: the contextual mux has its own layer over every input; remove ContextWindow or use Mux.GaussianHadamard")]
    public void DMX0021_an_option_the_mux_or_demux_has_no_use_for_points_at_the_option(string multiplexed, string at, string message)
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: multiplexed), "DMX0021");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void The_options_a_mux_uses_and_the_plain_backbone_generate_without_diagnostics()
    {
        foreach (var multiplexed in new[]
                 {
                     "N = 2, MuxNorm = 20, LearnMux = true", "N = 2, Mux = Mux.Orthogonal, LearnMux = true, Reembed = false",
                     "N = 2, Mux = Mux.BinaryHadamard, LearnMux = true", "N = 1, Mux = Mux.None, Demux = Demux.None",
                     "N = 1, Mux = Mux.None, Demux = Demux.None, Reembed = false", "N = 4, InputShortcut = true",
                     "N = 4, InputShortcut = true, ContextWindow = 3", "N = 2, Mux = Mux.Orthogonal, ContextWindow = 17", "N = 2, ContextWindow = 0",
                 })
        {
            var run = TestHelper.Run(Model(multiplexed: multiplexed));
            Assert.True(run.Diagnostics.IsEmpty, multiplexed + ": " + string.Join("; ", run.Diagnostics));
            Assert.Single(run.Sources);
        }
    }

    [Fact]
    public void DMX0014_unknown_mux_value_points_at_the_argument()
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: "N = 2, Mux = (Mux)42"), "DMX0014");
        Assert.Equal("Mux = (Mux)42", text);
        Assert.StartsWith("Mux = 42 is not a known Mux value; expected one of GaussianHadamard, ", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0015_class_named_like_a_generated_member_points_at_the_class_name()
    {
        var (diagnostic, text) = SingleError(Model(declaration: "public partial class Hidden"), "DMX0015");
        Assert.Equal("Hidden", text);
        Assert.Equal("'Hidden' is the name of a member the generated model declares or calls, so the model class cannot use it; rename it", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public int N => 4;", "N")]
    [InlineData("private readonly object head = new();", "head")]
    [InlineData("public void Configuration() { }", "Configuration")]
    [InlineData("public int Classes { get; } = 3;", "Classes")]
    public void DMX0015_member_named_like_a_generated_member_points_at_the_member(string member, string name)
    {
        var (diagnostic, text) = SingleError(Model(declaration: $"public partial class Model {{ {member} }} partial class Unused"), "DMX0015");
        Assert.Equal(name, text);
        Assert.Equal($"'{name}' is the name of a member the generated model declares or calls, so a member of 'Model' cannot use it; rename it", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor t) => t;", "forward")]
    [InlineData("private readonly int forward = 1;", "forward")]
    [InlineData("public Model(TorchSharp.torch.Device? device = null) : base(\"m\") { }", "Model(Device?)")]
    public void DMX0015_the_generated_forward_and_constructor_are_taken_too(string member, string name)
    {
        var (diagnostic, text) = SingleError(Model(declaration: $"public partial class Model {{ {member} }} partial class Unused"), "DMX0015");
        Assert.Equal(name == "Model(Device?)" ? "Model" : "forward", text);   // the constructor's or member's name
        Assert.Equal($"'{name}' is the name of a member the generated model declares or calls, so a member of 'Model' cannot use it; rename it", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0015_an_explicit_implementation_of_the_model_interface()
    {
        // The generated part implements IMultiplexedModel.Configuration itself: CS8646 otherwise.
        var run = TestHelper.Run(File(Attributes() + "public partial class Model { ModelConfiguration IMultiplexedModel.Configuration => Configuration; }"));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0015", diagnostic.Id);
        Assert.Contains("IMultiplexedModel.Configuration", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("protected void RegisterComponents(bool verbose = false) { _ = verbose; }")]
    [InlineData("protected new void RegisterComponents() { }")]
    public void DMX0015_a_users_RegisterComponents_that_would_capture_the_constructors_call(string member)
    {
        // The generated constructor calls RegisterComponents(); a method of the model that such a call binds to instead of
        // the base's (an overload with optional parameters, a 'new' one) left the submodules unregistered: no parameters,
        // an empty state dict, nothing to train, and no warning anywhere.
        var run = TestHelper.Run(File(Attributes() + "public partial class Model\n{\n/// <summary>Mine.</summary>\n/// <param name=\"verbose\">V.</param>\n" + member + "\n}"));

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0015", diagnostic.Id);
        Assert.Equal("'RegisterComponents' is the name of a member the generated model declares or calls, so a member of 'Model' cannot use it; rename it", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0015_a_class_named_forward()
    {
        var (_, text) = SingleError(Model(declaration: "public partial class forward"), "DMX0015");
        Assert.Equal("forward", text);
    }

    [Fact]
    public void Other_forward_overloads_and_constructors_are_the_users()
    {
        var run = TestHelper.Run(Model(declaration: """
            public partial class Model
            {
                /// <summary>Mine.</summary>
                public TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) => a + b;

                /// <summary>Mine.</summary>
                public Model(int seed) : this() { _ = seed; }
            }
            partial class Unused
            """));
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void DMX0017_a_project_below_csharp_9_gets_one_error_on_the_class_and_no_source()
    {
        // Generated anyway, the file gave eight CS8400 errors of its own (target-typed new, 'not' patterns).
        var run = TestHelper.Run(new CSharpParseOptions(LanguageVersion.CSharp8), Model());

        Assert.Empty(run.Sources);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0017", diagnostic.Id);
        Assert.Equal("Model", run.SpanText(diagnostic));
        Assert.Equal("'Model' is in a project on C# 8.0; the generated model needs C# 9 or later (set LangVersion)", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("DataMux.dll", "DataMux", "DM")]
    [InlineData("TorchSharp.dll", "TorchSharp", "TS")]
    public void DMX0018_an_assembly_referenced_only_under_an_extern_alias_gets_one_error_and_no_source(string file, string namespaceName, string alias)
    {
        // The generated file names every type as 'global::DataMux...' and 'global::TorchSharp...'; with either assembly
        // referenced only under an alias (to settle a type clash), none of them resolved: dozens of CS0234 inside the
        // generated file, and no word from the generator.
        var source = Model();
        if (namespaceName == "DataMux") source = source.Replace("using DataMux;\n", $"extern alias {alias};\nusing {alias}::DataMux;\n");
        var compilation = TestHelper.Compile(source);
        var reference = compilation.References.Single(r => r.Display!.EndsWith(file, StringComparison.Ordinal));
        compilation = compilation.ReplaceReference(reference, ((PortableExecutableReference)reference).WithAliases([alias]));

        TestHelper.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DMX0018", diagnostic.Id);
        Assert.Contains($"names {namespaceName} through 'global::'", diagnostic.GetMessage());
        Assert.Contains($"Aliases=\"global,{alias}\"", diagnostic.GetMessage());
        Assert.Equal(output.SyntaxTrees.Count(), compilation.SyntaxTrees.Count());
    }

    [Fact]
    public void DMX0018_not_for_an_alias_beside_the_global_one()
    {
        var compilation = TestHelper.Compile(Model());
        var reference = compilation.References.Single(r => r.Display!.EndsWith("DataMux.dll", StringComparison.Ordinal));
        compilation = compilation.ReplaceReference(reference, ((PortableExecutableReference)reference).WithAliases(["global", "DM"]));

        TestHelper.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
    }

    [Fact]
    public void DMX0016_model_attributes_without_multiplexed_point_at_each_attribute()
    {
        var run = TestHelper.Run(Model().Replace("[Multiplexed(N = 2)]\n", string.Empty));

        Assert.Empty(run.Sources);
        var diagnostics = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(["DMX0016", "DMX0016"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.StartsWith("Transformer(", run.SpanText(diagnostics[0]));
        Assert.Equal("'Model' has [Transformer] but no [Multiplexed] on any of its parts, so no model is generated for it; add [Multiplexed] (N = 1 for a plain model)", diagnostics[0].GetMessage());
        Assert.Equal("SequenceClassification", run.SpanText(diagnostics[1]));
    }

    [Fact]
    public void DMX0016_a_backbone_attribute_without_multiplexed_is_reported_too()
    {
        var source = File("[Backbone(typeof(Enc), Hidden = 16)]\n[SequenceClassification]\npublic partial class Model { }\n" +
            "/// <summary>A backbone.</summary>\npublic sealed class Enc : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>\n{\n" +
            "/// <summary>Builds it.</summary>\npublic Enc() : base(\"Enc\") { }\n/// <summary>Runs it.</summary>\npublic override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x) => x.alias();\n}\n");
        var run = TestHelper.Run(source);
        Assert.Empty(run.Sources);
        var diagnostics = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(["DMX0016", "DMX0016"], diagnostics.Select(d => d.Id));
        Assert.StartsWith("'Model' has [Backbone] but no [Multiplexed]", diagnostics[0].GetMessage());
    }

    [Fact]
    public void Multiplexed_on_another_partial_part_is_enough()
    {
        var run = TestHelper.Run(Model().Replace("[Multiplexed(N = 2)]\n", string.Empty), "namespace Demo;\n[DataMux.Multiplexed(N = 2)]\npartial class Model { }");
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void A_member_named_like_the_other_tasks_constant_is_allowed()
    {
        // Labels is generated for token classification only.
        var run = TestHelper.Run(Model(declaration: "public partial class Model { /// <summary>Mine.</summary>\n public int Labels => 4; } partial class Unused"));
        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
    }

    [Fact]
    public void Every_problem_of_a_class_is_reported_at_once()
    {
        var run = TestHelper.Run(Model(multiplexed: "N = 0", transformer: "Hidden = 16, Heads = 2, Dropout = 2", declaration: "public class Model"));
        Assert.Empty(run.Sources);
        Assert.Equal(["DMX0001", "DMX0008", "DMX0012"], run.Diagnostics.Select(d => d.Id).Order());
    }

    [Fact]
    public void Only_the_invalid_class_loses_its_source()
    {
        var run = TestHelper.Run(Model() + "\n" + Model(multiplexed: "N = 0", declaration: "public partial class Broken"));
        Assert.Equal("DMX0008", Assert.Single(run.Diagnostics).Id);
        Assert.Equal(["Demo.Model.g.cs"], run.Sources.Keys);
    }

    [Fact]
    public void A_missing_constructor_is_left_to_the_compiler()
    {
        AssertLeftToTheCompiler(TestHelper.Run(Model(multiplexed: "2")), "CS1729");
    }

    [Theory]
    [InlineData("[Multiplexed(N = 4)]")]
    [InlineData("[Transformer(Hidden = 7, Heads = 2)]")]
    public void An_attribute_given_twice_is_left_to_the_compiler(string again)
    {
        AssertLeftToTheCompiler(TestHelper.Run(Model().Replace("public partial class Model", again + "\npublic partial class Model")), "CS0579");
    }

    [Fact]
    public void The_same_attribute_on_two_partial_parts_is_left_to_the_compiler()
    {
        AssertLeftToTheCompiler(TestHelper.Run(Model(), "namespace Demo;\n[DataMux.Multiplexed(N = 4)]\npublic partial class Model { }"), "CS0579");
    }

    [Fact]
    public void Malformed_argument_is_left_to_the_compiler()
    {
        AssertLeftToTheCompiler(TestHelper.Run(Model(multiplexed: "N = \"two\"")), "CS0029");
    }
    /// <summary>A file with a backbone module <c>Demo.Enc</c> declared by <paramref name="module"/> and a model using it.</summary>
    private static string BackboneModel(string module, string backbone = "typeof(Enc), Hidden = 16, MaxLength = 8, Vocabulary = 50", string multiplexed = "N = 2", string extra = "") =>
        File($"[Multiplexed({multiplexed})]\n{extra}[Backbone({backbone})]\n[SequenceClassification]\npublic partial class Model {{ }}\n" + module,
            "using TorchSharp;\nusing static TorchSharp.torch;\n");

    /// <summary>A module that satisfies the contract, with the given class line and constructor.</summary>
    private static string Module(string declaration = "public sealed class Enc : nn.Module<Tensor, Tensor>", string constructor = "public Enc(int hidden) : base(\"Enc\") { }") =>
        "/// <summary>A backbone.</summary>\n" + declaration + "\n{\n/// <summary>Builds it.</summary>\n" + constructor +
        "\n/// <summary>Runs it.</summary>\npublic override Tensor forward(Tensor x) => x.alias();\n}\n";

    [Theory]
    [InlineData("typeof(Enc), Hidden = 0", "DMX0009", "Hidden = 0", "Hidden must be at least 1, but is 0")]
    [InlineData("typeof(Enc), Hidden = 16, MaxLength = -1", "DMX0009", "MaxLength = -1", "MaxLength must be at least 1, but is -1")]
    [InlineData("typeof(Enc), Hidden = 16, Vocabulary = 50, PaddingToken = 50", "DMX0011", "PaddingToken = 50", null)]
    [InlineData("typeof(Enc), Hidden = 16, Dropout = 1.0", "DMX0012", "Dropout = 1.0", null)]
    public void A_user_backbone_s_sizes_are_checked_where_they_are_written(string backbone, string id, string at, string? message)
    {
        var (diagnostic, text) = SingleError(BackboneModel(Module(), backbone: backbone), id);
        Assert.Equal(at, text);
        if (message is not null) Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0030_a_transformer_and_a_user_backbone_point_at_the_second()
    {
        var (diagnostic, text) = SingleError(BackboneModel(Module(), extra: "[Transformer(Hidden = 16, Heads = 2)]\n"), "DMX0030");
        Assert.StartsWith("Backbone(typeof(Enc)", text);
        Assert.Equal("'Model' has both [Transformer] and [Backbone]; a model has one backbone", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public sealed class Enc : nn.Module<Tensor, Tensor, Tensor>", "public Enc(int hidden) : base(\"Enc\") { }", "it derives from 'TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>'")]
    [InlineData("public sealed class Enc", "public Enc(int hidden) { }", "it derives from no module")]
    public void DMX0041_a_type_that_is_not_a_tensor_module_points_at_the_type(string declaration, string constructor, string why)
    {
        var source = BackboneModel(Module(declaration, constructor).Replace("public override Tensor forward", "public Tensor forward"));
        if (!declaration.Contains("nn.Module")) source = source.Replace("public Tensor forward(Tensor x) => x.alias();", "");
        var (diagnostic, text) = SingleError(source, "DMX0041");
        Assert.Equal("typeof(Enc)", text);
        Assert.Equal("The backbone 'Demo.Enc' must derive from TorchSharp.torch.nn.Module<Tensor, Tensor> (mapping [G, S, Hidden] to [G, S, Hidden]), but " + why, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0041_an_interface_is_not_a_module()
    {
        var (diagnostic, _) = SingleError(BackboneModel("/// <summary>Not a module.</summary>\npublic interface Enc { }\n"), "DMX0041");
        Assert.EndsWith("but it is an interface", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public abstract class Enc : nn.Module<Tensor, Tensor>", "protected Enc(int hidden) : base(\"Enc\") { }", "typeof(Enc)", "abstract")]
    [InlineData("public sealed class Enc<T> : nn.Module<Tensor, Tensor>", "public Enc(int hidden) : base(\"Enc\") { }", "typeof(Enc<>)", "an open generic type; name a constructed one such as MyEncoder<float>")]
    public void DMX0042_a_type_that_cannot_be_created_points_at_the_type(string declaration, string constructor, string type, string why)
    {
        var (diagnostic, text) = SingleError(BackboneModel(Module(declaration, constructor), backbone: type + ", Hidden = 16"), "DMX0042");
        Assert.Equal(type, text);
        Assert.StartsWith("The backbone 'Demo.Enc", diagnostic.GetMessage());
        Assert.EndsWith("cannot be constructed by the generated model because it is " + why, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public Enc(int hidden, int layers) : base(\"Enc\") { }", "; found (int, int)")]
    [InlineData("private Enc(int hidden) : base(\"Enc\") { }", "; found (int) (not all accessible)")]
    [InlineData("public Enc(long hidden) : base(\"Enc\") { }", "; found (long)")]
    public void DMX0043_a_type_without_a_constructor_the_model_can_call_names_what_it_found(string constructor, string found)
    {
        var (diagnostic, text) = SingleError(BackboneModel(Module(constructor: constructor)), "DMX0043");
        Assert.Equal("typeof(Enc)", text);
        Assert.Equal("The backbone 'Demo.Enc' has no constructor 'Model' can call: it needs an accessible constructor taking (int hidden) or no parameters" + found, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0044_the_contextual_mux_with_a_user_backbone_points_at_Mux()
    {
        var (diagnostic, text) = SingleError(BackboneModel(Module(), multiplexed: "N = 2, Mux = Mux.Contextual"), "DMX0044");
        Assert.Equal("Mux = Mux.Contextual", text);
        Assert.Equal("Mux = Contextual needs [Transformer]: its two attention layers take the Transformer's Heads and FeedForward, which [Backbone] does not have; use [Transformer] or another Mux", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("public Enc(int hidden) : base(\"Enc\") { }")]
    [InlineData("public Enc() : base(\"Enc\") { }")]
    [InlineData("internal Enc(int hidden) : base(\"Enc\") { }")]
    public void A_backbone_that_keeps_the_contract_generates_without_diagnostics(string constructor)
    {
        var run = TestHelper.Run(BackboneModel(Module(constructor: constructor), multiplexed: "N = 2, Demux = Demux.LearnedKeys"));
        Assert.True(run.Diagnostics.IsEmpty, string.Join("; ", run.Diagnostics));
        Assert.Contains(constructor.Contains("int hidden") ? "new global::Demo.Enc(Hidden)" : "new global::Demo.Enc()", run.Sources["Demo.Model.g.cs"]);
    }

    [Fact]
    public void An_inaccessible_backbone_is_left_to_the_compiler()
    {
        var source = BackboneModel(
            "/// <summary>Holds it.</summary>\npublic static class Outer\n{\n" + Module("private sealed class Enc : nn.Module<Tensor, Tensor>") + "}\n",
            backbone: "typeof(Outer.Enc), Hidden = 16");
        AssertLeftToTheCompiler(TestHelper.Run(source), "CS0122");
    }

    [Fact]
    public void Contextual_and_LearnedKeys_take_the_Gaussian_options()
    {
        foreach (var multiplexed in new[] { "N = 2, Mux = Mux.Contextual, MuxNorm = 20, LearnMux = true", "N = 3, Demux = Demux.LearnedKeys", "N = 2, Mux = Mux.Contextual, Demux = Demux.LearnedKeys" })
        {
            var run = TestHelper.Run(Model(multiplexed: multiplexed));
            Assert.True(run.Diagnostics.IsEmpty, multiplexed + ": " + string.Join("; ", run.Diagnostics));
            Assert.Single(run.Sources);
        }
    }

    [Fact]
    public void LearnedKeys_takes_no_input_shortcut()
    {
        var (diagnostic, _) = SingleError(Model(multiplexed: "N = 2, Demux = Demux.LearnedKeys, InputShortcut = true"), "DMX0021");
        Assert.StartsWith("InputShortcut = true does not apply to Demux = LearnedKeys", diagnostic.GetMessage());
    }

    // Image backbones ([Mlp], [Cnn]) and [ImageClassification].

    [Fact]
    public void Image_models_with_the_defaults_generate()
    {
        foreach (var backbone in new[] { DefaultMlp, DefaultCnn })
        {
            var run = TestHelper.Run(ImageModel(backbone: backbone));
            Assert.Empty(run.Diagnostics);
            run.AssertCompilesCleanly();
            Assert.Equal(["Demo.Model.g.cs"], run.Sources.Keys);
        }
    }

    [Theory]
    [InlineData("Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]\n[Mlp(Inputs = 4)", "Mlp(Inputs = 4)", "'Model' has both [Transformer] and [Mlp]; a model has one backbone")]
    [InlineData("Cnn(Height = 8, Width = 8)]\n[Mlp(Inputs = 4)", "Mlp(Inputs = 4)", "'Model' has both [Cnn] and [Mlp]; a model has one backbone")]
    public void DMX0030_a_second_backbone_points_at_it(string backbones, string at, string message)
    {
        var (diagnostic, text) = SingleError(ImageModel(backbone: backbones), "DMX0030");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0031_a_task_of_the_other_kind_points_at_the_task()
    {
        var (text, textAt) = SingleError(ImageModel(task: "SequenceClassification(Classes = 3)"), "DMX0031");
        Assert.Equal("SequenceClassification(Classes = 3)", textAt);
        Assert.Equal("[SequenceClassification] does not work with the [Mlp] backbone: [Mlp] reads float inputs, not tokens; use [ImageClassification], or [Transformer] for text", text.GetMessage());

        var (image, imageAt) = SingleError(Model(task: "ImageClassification(Classes = 10)"), "DMX0031");
        Assert.Equal("ImageClassification(Classes = 10)", imageAt);
        Assert.StartsWith("[ImageClassification] does not work with the [Transformer] backbone: [Transformer] reads token ids", image.GetMessage());

        // Both kinds of task on one model: the one that does not fit is named, not DMX0007.
        var (both, bothAt) = SingleError(ImageModel(backbone: DefaultCnn, task: "ImageClassification(Classes = 3)]\n[TokenClassification"), "DMX0031");
        Assert.Equal("TokenClassification", bothAt);
        Assert.Contains("[Cnn] backbone", both.GetMessage());
    }

    [Theory]
    [InlineData("N = 2, Mux = Mux.Convolution", DefaultMlp, "Mux = Mux.Convolution", "Mux = Convolution does not work with the [Mlp] backbone; supported there: GaussianHadamard, Orthogonal, BinaryHadamard, Identity, Learned, None")]
    [InlineData("N = 2, Mux = Mux.Orthogonal", DefaultCnn, "Mux = Mux.Orthogonal", "Mux = Orthogonal does not work with the [Cnn] backbone; supported there: Convolution, GaussianHadamard, Identity, None")]
    public void DMX0032_a_mux_the_image_backbone_cannot_take_points_at_Mux(string multiplexed, string backbone, string at, string message)
    {
        var (diagnostic, text) = SingleError(ImageModel(multiplexed: multiplexed, backbone: backbone), "DMX0032");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0032_the_convolution_mux_on_a_Transformer_points_at_Mux()
    {
        var (diagnostic, text) = SingleError(Model(multiplexed: "N = 2, Mux = Mux.Convolution"), "DMX0032");
        Assert.Equal("Mux = Mux.Convolution", text);
        Assert.Equal("Mux = Convolution does not work with the [Transformer] backbone; supported there: GaussianHadamard, Orthogonal, BinaryHadamard, Identity, Learned, Contextual, None (Convolution mixes images: use [Cnn])", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData(DefaultMlp, "Mlp")]
    [InlineData(DefaultCnn, "Cnn")]
    public void DMX0033_the_index_demux_on_an_image_backbone_points_at_Demux(string backbone, string name)
    {
        var (diagnostic, text) = SingleError(ImageModel(multiplexed: "N = 2, Demux = Demux.IndexEmbedding", backbone: backbone), "DMX0033");
        Assert.Equal("Demux = Demux.IndexEmbedding", text);
        Assert.Equal($"Demux = IndexEmbedding does not work with the [{name}] backbone: it reads index tokens prefixed to token ids, and this backbone reads float inputs; use Demux.Mlp (one Linear + tanh per index, the default here) or Demux.LearnedKeys", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("Cnn(Height = 28, Width = 28, Layers = 5)", "Layers = 5", "[Cnn] with Layers = 5 halves the image 5 times (2x2 max pooling after every 3x3 convolution), so Height and Width must be at least 32, but the image is 28x28")]
    [InlineData("Cnn(Height = 28, Width = 3, Layers = 2)", "Layers = 2", "[Cnn] with Layers = 2 halves the image 2 times (2x2 max pooling after every 3x3 convolution), so Height and Width must be at least 4, but the image is 28x3")]
    [InlineData("Cnn(Height = 8, Width = 8, Layers = 40)", "Layers = 40", "[Cnn] with Layers = 40 halves the image 40 times (2x2 max pooling after every 3x3 convolution), so Height and Width must be at least 2147483648, but the image is 8x8")]
    public void DMX0034_an_image_too_small_for_the_pooling_points_at_Layers(string backbone, string at, string message)
    {
        var (diagnostic, text) = SingleError(ImageModel(backbone: backbone), "DMX0034");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Empty(TestHelper.Run(ImageModel(backbone: "Cnn(Height = 4, Width = 4, Layers = 2)")).Diagnostics);   // 1x1 after two halvings
    }

    [Theory]
    [InlineData("Mlp(Inputs = 0)", "Inputs = 0", "Inputs must be at least 1, but is 0")]
    [InlineData("Mlp", "Mlp", "Inputs must be at least 1, but is 0")]   // Inputs has no default
    [InlineData("Mlp(Inputs = 4, Hidden = -1)", "Hidden = -1", "Hidden must be at least 1, but is -1")]
    [InlineData("Mlp(Inputs = 4, Layers = 0)", "Layers = 0", "Layers must be at least 1, but is 0")]
    [InlineData("Cnn(Channels = 0, Height = 8, Width = 8)", "Channels = 0", "Channels must be at least 1, but is 0")]
    [InlineData("Cnn(Width = 8)", "Cnn(Width = 8)", "Height must be at least 1, but is 0")]
    [InlineData("Cnn(Height = 8, Width = 8, Filters = 0)", "Filters = 0", "Filters must be at least 1, but is 0")]
    [InlineData("Cnn(Channels = 3, Height = 40000, Width = 40000)", "Height = 40000", "Channels * Height * Width must be at most 2147483647, but is 4800000000")]
    public void DMX0009_image_backbone_sizes_point_at_the_argument(string backbone, string at, string message)
    {
        var (diagnostic, text) = SingleError(ImageModel(backbone: backbone), "DMX0009");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0009_a_first_feature_map_too_wide_for_the_mux_points_at_Filters()
    {
        const string Backbone = "Cnn(Height = 1024, Width = 1024, Filters = 10000)";
        var (diagnostic, text) = SingleError(ImageModel(multiplexed: "N = 2, Mux = Mux.GaussianHadamard", backbone: Backbone), "DMX0009");
        Assert.Equal("Filters = 10000", text);
        Assert.Equal("Filters must be at most 8191 (Mux = GaussianHadamard mixes the feature map of the first block, Filters * (Height / 2) * (Width / 2) values), but is 10000",
            diagnostic.GetMessage());
        Assert.Empty(TestHelper.Run(ImageModel(multiplexed: "N = 2", backbone: Backbone)).Diagnostics);   // the kernel mux mixes the images
    }

    [Fact]
    public void DMX0009_image_classes_below_two_point_at_Classes()
    {
        var (diagnostic, text) = SingleError(ImageModel(task: "ImageClassification(Classes = 1)"), "DMX0009");
        Assert.Equal("Classes = 1", text);
        Assert.Equal("Classes must be at least 2, but is 1", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("N = 2, Mux = Mux.None", "Demux = None reads", "Mux = None has no mix to demultiplex, but Demux is Mlp; set Demux = Demux.None")]
    [InlineData("N = 2, Mux = Mux.None, Demux = Demux.None", "N = 2", "N must be 1 (one input per backbone pass), but is 2")]
    public void DMX0019_the_plain_image_model_takes_all_three(string multiplexed, string unused, string reason)
    {
        _ = unused;
        var (diagnostic, _) = SingleError(ImageModel(multiplexed: multiplexed), "DMX0019");
        Assert.EndsWith(reason, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("N = 2, Reembed = false", "Reembed = false", "Reembed does not apply to the [Mlp] backbone: it works on token embeddings, and this backbone reads float inputs; remove it")]
    [InlineData("N = 2, InputShortcut = true", "InputShortcut = true", "InputShortcut does not apply to the [Mlp] backbone: it works on token embeddings, and this backbone reads float inputs; remove it")]
    [InlineData("N = 2, ContextWindow = 3", "ContextWindow = 3", "ContextWindow does not apply to the [Mlp] backbone: it works on token embeddings, and this backbone reads float inputs; remove it")]
    [InlineData("N = 2, Mux = Mux.Identity, MuxNorm = 2", "MuxNorm = 2", "MuxNorm does not apply to Mux = Identity: it is the norm of the Gaussian Hadamard vectors; remove it or use Mux.GaussianHadamard")]
    public void DMX0021_token_options_on_an_image_backbone_point_at_the_option(string multiplexed, string at, string message)
    {
        var (diagnostic, text) = SingleError(ImageModel(multiplexed: multiplexed), "DMX0021");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0016_image_attributes_without_multiplexed_point_at_each_attribute()
    {
        var run = TestHelper.Run(ImageModel().Replace("[Multiplexed(N = 2)]\n", string.Empty));
        Assert.Empty(run.Sources);
        var diagnostics = run.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(["DMX0016", "DMX0016"], diagnostics.Select(d => d.Id));
        Assert.Equal("Mlp(Inputs = 12, Hidden = 16)", run.SpanText(diagnostics[0]));
        Assert.Equal("ImageClassification(Classes = 3)", run.SpanText(diagnostics[1]));
    }

    [Fact]
    public void DMX0015_image_models_reserve_their_own_member_names()
    {
        var run = TestHelper.Run(ImageModel().Replace("public partial class Model { }", "public partial class Model { private int backbone; }"));
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("DMX0015", diagnostic.Id);
        Assert.Equal("backbone", run.SpanText(diagnostic));
    }
}
