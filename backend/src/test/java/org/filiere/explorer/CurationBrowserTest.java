package org.filiere.explorer;

import org.filiere.support.Graph;
import org.filiere.support.HarnessTest;
import org.filiere.support.Http;
import org.filiere.support.SharedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curation forms of the explorer in headless Chromium: logging in, editing, reviewing possible
 * duplicates, uploading an import. One browser for the whole class; it stays logged in between
 * tests once a test has logged in (each test logs in if it is not).
 */
class CurationBrowserTest extends HarnessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static WebDriver driver;

    @LocalServerPort
    int port;

    private String p;
    private String testName;

    @BeforeAll
    static void startBrowser() throws Exception {
        Files.createDirectories(SHOTS);
        if (System.getProperty("webdriver.chrome.driver") == null && Files.exists(Path.of("/usr/bin/chromedriver"))) {
            System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        }
        ChromeOptions options = new ChromeOptions();
        if (Files.exists(Path.of("/usr/bin/chromium"))) options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--disable-dev-shm-usage", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
    }

    @BeforeEach
    void fixtures(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        p = "cur-" + Long.toString(System.nanoTime(), 36) + "-";
    }

    @AfterEach
    void cleanAndCheckConsole() {
        SharedNeo4j.get().defaultDatabaseService().executeTransactionally(
                "MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n", Map.of("p", p));
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            if (e.getLevel().intValue() < Level.SEVERE.intValue()) {
                if (m.contains("Content Security Policy")) severe.add(m);
                continue;
            }
            // A wrong password is answered 401 on purpose; the page shows it as text.
            if (m.contains("/login") && m.contains("401")) continue;
            severe.add(m);
        }
        assertThat(severe).as("browser console errors in " + testName).isEmpty();
    }

    // --- the tests -------------------------------------------------------------------------------

    @Test
    void logs_in_edits_a_name_and_sees_it_in_the_panel_and_the_history() {
        String id = entity("acme", "Acme Browser", "Company");
        link(id, "SUPPLIES", "renault-tanger");
        open("/?view=neighbourhood&focus=" + id + "&sel=" + id);
        if (loggedIn()) click("#logout-button");
        waitFor("#login-button");
        click("#tab-curate");
        waitForText("#panel-curate", "Log in to edit");

        // A wrong password is refused, as text in the dialog; the right one logs in.
        click("#login-button");
        WebElement dialog = waitFor("#login-dialog[open]");
        type(dialog, "input[name=username]", "admin");
        type(dialog, "input[name=password]", "wrong");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText("#login-dialog .form-errors", "not valid");
        assertThat(driver.findElement(By.cssSelector("#login-dialog .form-errors")).getAttribute("role")).isEqualTo("alert");
        type(dialog, "input[name=password]", HarnessTest.ADMIN_PASSWORD);
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText("#account-user", "admin");
        assertThat(driver.findElement(By.id("login-dialog")).getAttribute("open")).isNull();

        WebElement edit = waitFor("#edit-entity-form");
        type(edit, "input[name=name]", "Acme Curated");
        type(edit, "input[name=comment]", "legal name");
        screenshot("curate-edit");
        edit.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText("#history", "Edited entity");
        assertThat(text("#history")).contains("by admin").contains("legal name").contains("Acme Browser").contains("Acme Curated");
        assertThat(js("return filiere.tab()")).isEqualTo("curate");
        waitUntil("return filiere.cy().getElementById('" + id + "').data('label') === 'Acme Curated'");
        click("#tab-details");
        waitForText("#panel-details .details-title", "Acme Curated");
        assertThat(new Http(port).get("/api/entities/" + id).json().get("name").asString()).isEqualTo("Acme Curated");
        // Search finds the new name.
        assertThat(new Http(port).get("/api/search?q=acme%20curated").body()).contains(id);
    }

    @Test
    void gives_the_focus_back_after_a_dialog_closes_and_after_logging_in_and_out() {
        open("/?view=neighbourhood&focus=cevital");
        ensureLoggedIn();
        // Keyboard only: open the Curate menu, pick "Possible duplicates", close the dialog with Escape.
        driver.findElement(By.cssSelector("#curate-menu summary")).sendKeys(Keys.ENTER);
        WebElement duplicates = waitFor("#menu-duplicates");
        duplicates.sendKeys(Keys.ENTER);
        waitFor("#curation-dialog[open]");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil("return !document.getElementById('curation-dialog').open");
        waitUntil("return document.activeElement === document.querySelector('#curate-menu summary')");

        // Logging out replaces the button that had the focus: its successor gets it.
        driver.findElement(By.id("logout-button")).sendKeys(Keys.ENTER);
        waitFor("#login-button");
        waitUntil("return document.activeElement && document.activeElement.id === 'login-button'");
        // And logging in from it leaves the focus on the account's button, not on the page.
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement dialog = waitFor("#login-dialog[open]");
        type(dialog, "input[name=username]", "admin");
        type(dialog, "input[name=password]", HarnessTest.ADMIN_PASSWORD);
        dialog.findElement(By.cssSelector("input[name=password]")).sendKeys(Keys.ENTER);
        waitForText("#account-user", "admin");
        waitUntil("return document.activeElement && document.activeElement.id === 'logout-button'");
    }

    @Test
    void merges_a_pair_from_the_possibly_same_review() {
        String keep = entity("viza-auto", "Vizatest Automoción", "Company");
        String drop = entity("viza", "Vizatest", "Company");
        link(drop, "SUPPLIES", "renault-tanger");
        String rel = link(keep, "POSSIBLY_SAME_AS", drop);
        open("/?view=neighbourhood&focus=" + keep);
        ensureLoggedIn();

        click("#curate-menu summary");
        click("#menu-duplicates");
        WebElement item = waitFor("#duplicates li[data-id='" + rel + "']");
        assertThat(item.getText()).contains("Vizatest Automoción").contains("Vizatest");
        screenshot("curate-duplicates");
        clickButton(item, "Keep Vizatest Automoción");
        clickButton(item, "Merge");
        waitForText("#duplicates li[data-id='" + rel + "']", "Merged into Vizatest Automoción");

        Http api = new Http(port);
        assertThat(api.get("/api/entities/" + drop).status()).isEqualTo(404);
        assertThat(api.get("/api/entities/" + keep).json().get("aliases").toString()).contains("Vizatest");
        assertThat(api.get("/api/relationships/" + keep + ".SUPPLIES.renault-tanger").status()).isEqualTo(200);
        assertThat(api.get("/api/entities/" + keep + "/history").json().get("changes").get(0).get("action").asString()).isEqualTo("merge");
        // The view follows: the merged entity is gone from the graph, its link now on the survivor.
        driver.findElement(By.cssSelector("#curation-dialog .message-close")).click();
        waitUntil("return filiere.ready && filiere.nodeIds().includes('renault-tanger') && !filiere.nodeIds().includes('" + drop + "')");
    }

    @Test
    void uploads_a_small_csv_and_shows_the_progress_and_the_result() throws Exception {
        String dataset = "browser-" + p.replace("-", "").substring(3);
        // Saved by a spreadsheet in the Windows code page, as Excel's plain "CSV" is: the user says so.
        Path nodes = Files.writeString(Files.createTempFile("nodes", ".csv"),
                "id,name,type,country\n" + p + "imp,Imported Browser Société,Company,MA\n", java.nio.charset.Charset.forName("windows-1252"));
        Path rels = Files.writeString(Files.createTempFile("relationships", ".csv"),
                "source,target,type,tier\n" + p + "imp,renault-tanger,SUPPLIES,1\n");
        try {
            open("/?view=neighbourhood&focus=renault-tanger");
            ensureLoggedIn();
            click("#curate-menu summary");
            click("#menu-import");
            WebElement f = waitFor("#import-form");
            type(f, "input[name=dataset]", dataset);
            f.findElement(By.cssSelector("input[name=nodes]")).sendKeys(nodes.toAbsolutePath().toString());
            f.findElement(By.cssSelector("input[name=relationships]")).sendKeys(rels.toAbsolutePath().toString());
            new org.openqa.selenium.support.ui.Select(f.findElement(By.cssSelector("select[name=encoding]"))).selectByValue("windows-1252");
            f.findElement(By.cssSelector("button[type=submit]")).click();
            waitForText("#import-progress-label", "Imported");
            assertThat(text("#import-result")).contains("1 created").contains(dataset);
            assertThat(js("const b = document.getElementById('import-progress'); return b.value === b.max && b.max > 0")).isEqualTo(true);
            screenshot("curate-import");
            assertThat(Graph.count("MATCH (n:Entity {id: $id, dataset: $d, name: 'Imported Browser Société'}) RETURN count(n)",
                    Map.of("id", p + "imp", "d", dataset))).isEqualTo(1);
            waitUntil("return filiere.ready && filiere.nodeIds().includes('" + p + "imp')");
        } finally {
            Graph.deleteDataset(dataset);
            Files.deleteIfExists(nodes);
            Files.deleteIfExists(rels);
        }
    }

    @Test
    void follows_an_import_job_until_it_ends() {
        // The job contract (202 + Location, then GET /api/imports/{id}), answered by a stand-in for
        // fetch in the page: the progress bar must show rows done of the total, then the result.
        open("/?view=neighbourhood&focus=renault-tanger");
        ensureLoggedIn();
        js("""
                const real = window.fetch;
                const json = (status, body, headers = {}) => new Response(JSON.stringify(body),
                    {status, headers: {'Content-Type': 'application/json', ...headers}});
                let polls = 0;
                window.__labels = [];
                window.fetch = (url, init) => {
                  const u = String(url);
                  if (u === '/api/imports' && init && init.method === 'POST') {
                    return Promise.resolve(json(202, {id: 'job-1', dataset: 'stub', status: 'queued', rowsDone: 0, rowsTotal: 0},
                        {Location: '/api/imports/job-1'}));
                  }
                  if (u.startsWith('/api/imports/job-1')) {
                    polls++;
                    const body = polls === 1 ? {id: 'job-1', dataset: 'stub', status: 'running', rowsDone: 5, rowsTotal: 10}
                        : {id: 'job-1', dataset: 'stub', status: 'succeeded', rowsDone: 10, rowsTotal: 10,
                           nodes: {created: 4, matched: 1}, relationships: {created: 5, matched: 0}, flagged: 2, errors: [],
                           importedBy: 'admin'};
                    return Promise.resolve(json(200, body));
                  }
                  return real(url, init);
                };
                """);
        click("#curate-menu summary");
        click("#menu-import");
        WebElement f = waitFor("#import-form");
        js("new MutationObserver(() => window.__labels.push(document.getElementById('import-progress-label').textContent))"
                + ".observe(document.getElementById('import-progress-label'), {childList: true, characterData: true, subtree: true})");
        type(f, "input[name=dataset]", "stub");
        js("const dt = new DataTransfer(); dt.items.add(new File(['id,name,type\\n'], 'nodes.csv', {type: 'text/csv'}));"
                + "document.querySelector('#import-form input[name=nodes]').files = dt.files;");
        f.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText("#import-progress-label", "Imported 10 rows");
        assertThat(js("return window.__labels.join(' | ')").toString()).contains("Importing: 5 of 10 rows (50 %)");
        assertThat(text("#import-result")).contains("4 created, 1 matched").contains("5 created, 0 matched").contains("flagged");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String entity(String suffix, String name, String type) {
        Http.Answer r = new Http(port).admin().post("/api/entities", Map.of("id", p + suffix, "name", name, "type", type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return p + suffix;
    }

    private String link(String source, String type, String target) {
        Http.Answer r = new Http(port).admin().post("/api/relationships", Map.of("source", source, "target", target, "type", type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    private void open(String pathAndQuery) {
        driver.get("http://localhost:" + port + pathAndQuery);
        waitUntil("return !!(window.filiere && window.filiere.ready && window.filiere.renders > 0)");
    }

    private boolean loggedIn() {
        waitUntil("return !!document.querySelector('#login-button, #logout-button')");
        return !driver.findElements(By.id("logout-button")).isEmpty();
    }

    private void ensureLoggedIn() {
        if (loggedIn()) return;
        click("#login-button");
        WebElement dialog = waitFor("#login-dialog[open]");
        type(dialog, "input[name=username]", "admin");
        type(dialog, "input[name=password]", HarnessTest.ADMIN_PASSWORD);
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText("#account-user", "admin");
    }

    private WebElement waitFor(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void click(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private void clickButton(WebElement container, String label) {
        new WebDriverWait(driver, WAIT).until(d -> {
            for (WebElement b : container.findElements(By.tagName("button"))) {
                if (b.getText().trim().equals(label) && b.isDisplayed() && b.isEnabled()) {
                    b.click();
                    return true;
                }
            }
            return false;
        });
    }

    private void type(WebElement root, String css, String value) {
        WebElement input = root.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(value);
    }

    private void waitUntil(String script) {
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script)));
    }

    private void waitForText(String css, String text) {
        // The panel is re-rendered while we read it: an element found can be gone by getText().
        new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            var els = d.findElements(By.cssSelector(css));
            return !els.isEmpty() && els.get(0).getText().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        });
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("filiere.screenshots.update")) {
                Path dir = Path.of(System.getProperty("filiere.screenshots.dir", "../docs/images"));
                Files.createDirectories(dir);
                Files.copy(file, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception e) {
            throw new AssertionError("Screenshot " + name + " failed", e);
        }
    }
}
