using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NewsCms.Settings;
using NewsCms.Web.Models;

namespace NewsCms.Web.Controllers;

// The site's own pages for errors, in its look, never with a stack trace.
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController(SiteSettingsService settings) : Controller
{
    // The status is read from the route, not bound: the page re-executes the failed request, and a
    // form that request could not parse (too many fields, broken multipart) fails binding for every
    // parameter, which turned each such 400 into a 500.
    [Route("/error/{status:int}")]
    public IActionResult Show()
    {
        var status = int.TryParse(Convert.ToString(RouteData.Values["status"], CultureInfo.InvariantCulture), NumberStyles.None,
            CultureInfo.InvariantCulture, out var code) ? code : 500;
        var (heading, message) = status switch
        {
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
            410 => ("This article was withdrawn", "The article that was published at this address has been taken down."),
            400 => ("Bad request", "The request could not be understood."),
            403 => ("Not allowed", "You do not have permission to see this page."),
            405 => ("Not allowed", "This address does not accept that kind of request."),
            413 => ("Too large", "What was sent is larger than this site accepts."),
            429 => ("Too many requests", "Please wait a moment and try again."),
            >= 500 => ("Something went wrong", "The page could not be shown because of a problem on our side. Please try again shortly."),
            _ => ("Something went wrong", "The page could not be shown."),
        };
        Response.StatusCode = status is >= 400 and <= 599 ? status : 500;
        return View("Status", new ErrorPageModel(Response.StatusCode, heading, message,
            new PageMeta($"{heading} - {settings.Current.Name}", NoIndex: true)));
    }
}
