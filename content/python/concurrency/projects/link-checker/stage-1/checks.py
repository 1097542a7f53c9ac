from stagecheck import check, run, serve


@check("--links lists a page's links as sorted, absolute URLs")
def _():
    with serve("site") as url:
        ran = run("linkcheck.py", "--links", f"{url}/index.html")
    ran.expect_code(0).expect_lines(sorted([
        f"{url}/booking.html",
        f"{url}/docs/guide.html",
        "http://partner.example/tours",
        f"{url}/prices.html",
    ]))


@check("links on a page in a subfolder are resolved from that folder")
def _():
    with serve("site") as url:
        ran = run("linkcheck.py", "--links", f"{url}/docs/guide.html")
    ran.expect_code(0).expect_lines(sorted([
        f"{url}/index.html",
        f"{url}/docs/helmets.html",
        f"{url}/prices.html?season=summer",
    ]))


@check("a page that cannot be fetched gives an error naming it, and status 1")
def _():
    with serve("site") as url:
        missing = f"{url}/no-such-page.html"
        ran = run("linkcheck.py", "--links", missing)
    ran.expect_code(1).expect_in_stderr(missing)
