using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace NewsCms.Web.Areas.Admin.Models;

// Field errors that screen readers announce with the field: <field-error for="Headline" /> writes
// the message with a known id, and every input bound to a field with errors points to it.
[HtmlTargetElement("field-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = FieldErrors.FullName(ViewContext, For.Name);
        var messages = FieldErrors.Messages(ViewContext, name);
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", FieldErrors.ErrorId(name));
        output.Attributes.SetAttribute("class", "field-error");
        output.Content.SetHtmlContent(new HtmlString(string.Join("<br>", messages.Select(m => System.Net.WebUtility.HtmlEncode(m)))));
    }
}

[HtmlTargetElement("input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    // After the built-in tag helpers, which set the name and id.
    public override int Order => 100;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = FieldErrors.FullName(ViewContext, For.Name);
        if (FieldErrors.Messages(ViewContext, name).Count == 0) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value + " " : "";
        output.Attributes.SetAttribute("aria-describedby", describedBy + FieldErrors.ErrorId(name));
    }
}

public static class FieldErrors
{
    public static string FullName(ViewContext view, string name) => view.ViewData.TemplateInfo.GetFullHtmlFieldName(name);

    public static string FieldId(string name) => TagBuilder.CreateSanitizedId(name, "_");

    public static string ErrorId(string name) => FieldId(name) + "-error";

    public static IReadOnlyList<string> Messages(ViewContext view, string name) =>
        view.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0
            ? entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "This value is not valid." : e.ErrorMessage).ToList()
            : [];

    // Every error on the page, each linking to its field, for the summary at the top of a form.
    public static IReadOnlyList<(string Id, string Message)> All(ViewContext view) =>
        view.ViewData.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(x => (e.Key.Length == 0 ? "" : FieldId(e.Key), string.IsNullOrEmpty(x.ErrorMessage) ? "This value is not valid." : x.ErrorMessage)))
            .ToList();
}

// After a list button, the control the journalist was on keeps the focus (autofocus on the page
// that comes back), so a keyboard user can press "Move up" again and again.
[HtmlTargetElement("button", Attributes = "id")]
[HtmlTargetElement("input", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("textarea")]
[HtmlTargetElement("select")]
[HtmlTargetElement("div", Attributes = "id")]
public sealed class EditorFocusTagHelper : TagHelper
{
    public override int Order => 100;

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.Model is not IEditorFocus { FocusId: { } focus }) return;
        if (output.Attributes.TryGetAttribute("id", out var id) && id.Value?.ToString() == focus)
        {
            output.Attributes.SetAttribute("autofocus", "autofocus");
            if (output.TagName == "div") output.Attributes.SetAttribute("tabindex", "-1");
        }
    }
}
