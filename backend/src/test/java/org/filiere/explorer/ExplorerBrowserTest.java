package org.filiere.explorer;

import org.filiere.support.HarnessTest;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer in a real (headless) Chromium against the running application with the IPEMED data:
 * what a user does, checked through the page and the test hooks it exposes on {@code window.filiere}.
 *
 * <p>Screenshots of each view go to {@code target/screenshots/}; with
 * {@code -Dfiliere.screenshots.update=true} they are also copied to {@code docs/images/} for the
 * user guide and the README.
 */
class ExplorerBrowserTest extends HarnessTest {

    private static final String XSS = "<img src=x onerror=window.__xss=1>";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    private static WebDriver driver;

    @LocalServerPort
    int port;

    @Autowired
    Neo4jClient neo4j;

    private String testName;

    @BeforeAll
    static void startBrowser() throws Exception {
        Files.createDirectories(SHOTS);
        Files.createDirectories(DOWNLOADS);
        if (System.getProperty("webdriver.chrome.driver") == null && Files.exists(Path.of("/usr/bin/chromedriver"))) {
            System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        }
        ChromeOptions options = new ChromeOptions();
        if (Files.exists(Path.of("/usr/bin/chromium"))) options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800",
                "--disable-dev-shm-usage", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
    }

    @BeforeEach
    void name(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        viewport(1280, 800);
    }

    @AfterEach
    void noScriptErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            String m = e.getMessage();
            if (e.getLevel().intValue() < Level.SEVERE.intValue()) {
                // A CSP violation is logged as a warning or info: every one of them is a bug too.
                if (m.contains("Content Security Policy")) severe.add(m);
                continue;
            }
            // API errors that a test provokes on purpose are shown to the user, not thrown.
            if (m.contains("/api/") && (m.contains("404") || m.contains("400"))) continue;
            severe.add(m);
        }
        assertThat(severe).as("browser console errors in " + testName).isEmpty();
    }

    // --- the tests -------------------------------------------------------------------------------

    @Test
    void finds_sofiproteol_from_a_misspelling_and_opens_it() {
        open("/");
        assertThat(text("#message")).contains("pick an entity");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("sofiprotoel");
        WebElement first = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#q-list .suggestion")));
        assertThat(first.getText()).contains("Sofiprotéol");
        assertThat(q.getAttribute("aria-expanded")).isEqualTo("true");
        screenshot("search");

        // Esc closes the suggestions; typing again reopens them; ↓ + Enter opens the first one.
        q.sendKeys(Keys.ESCAPE);
        assertThat(driver.findElement(By.id("q-list")).isDisplayed()).isFalse();
        q.sendKeys("l");
        q.sendKeys(Keys.BACK_SPACE);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#q-list .suggestion")));
        afterRender(() -> {
            q.sendKeys(Keys.ARROW_DOWN);
            assertThat(q.getAttribute("aria-activedescendant")).isEqualTo("q-list-0");
            q.sendKeys(Keys.ENTER);
        });

        assertThat(state("focus")).isEqualTo("sofiproteol");
        assertThat(state("view")).isEqualTo("neighbourhood");
        assertThat(nodeIds()).contains("sofiproteol", "lesieur-cristal", "cristal-tunisie", "morocco");
        assertThat(driver.getCurrentUrl()).contains("view=neighbourhood").contains("focus=sofiproteol");
        waitForText("#panel-details .details-title", "Sofiprotéol");
        waitForText("#panel-details", "Case study: Sofiprotéol");
        assertThat(text("#panel-details")).containsIgnoringCase("Aliases").contains("Turnover").contains("7.5 billion");
        // The scanned spellings of the same name ("SoFIPRotéoL") are not listed as other names; they wait behind a disclosure.
        assertThat(text("#panel-details")).containsIgnoringCase("Aliases (0)").contains("4 spellings of the same name, as printed")
                .doesNotContain("SoFIPRotéoL");
        driver.findElement(By.cssSelector("#panel-details .printed-spellings > summary")).click();
        assertThat(text("#panel-details .printed-spellings")).contains("SoFIPRotéoL").contains("Sofiproteol");
    }

    @Test
    void expands_a_node_in_place() {
        open("/?view=neighbourhood&focus=sofiproteol");
        List<String> before = nodeIds();
        long loads = ((Number) js("return filiere.loads")).longValue();
        assertThat(before).contains("morocco");

        // A real double-click on the Morocco node.
        afterRender(() -> doubleClickNode("morocco"));
        List<String> after = nodeIds();
        assertThat(after).containsAll(before);
        assertThat(after.size()).isGreaterThan(before.size() + 10);
        assertThat(stateList("expand")).containsExactly("morocco");
        // In place: added to the drawing (no reload), the new neighbours of Morocco drawn around it.
        assertThat(((Number) js("return filiere.loads")).longValue()).isEqualTo(loads);
        Map<String, Object> moved = positions();
        List<String> added = after.stream().filter(id -> !before.contains(id)).toList();
        assertThat(added).allSatisfy(id -> assertThat((Boolean) js(
                "return filiere.cy().getElementById(arguments[0]).edgesWith(filiere.cy().getElementById('morocco')).length > 0", id))
                .as(id + " linked to morocco").isTrue());
        double meanToMorocco = added.stream().mapToDouble(id -> distance(moved, id, "morocco")).average().orElseThrow();
        assertThat(meanToMorocco).isLessThan(700);

        // Morocco has more links than one page (50): a "+N more" node loads the next page.
        Map<?, ?> more = (Map<?, ?>) js("return filiere.moreNodes().find(m => m.of === 'morocco')");
        assertThat(more).isNotNull();
        assertThat((String) more.get("label")).matches("\\+\\d+ more");
        int countBefore = nodeIds().size();
        screenshot("neighbourhood-expanded");
        afterRender(() -> clickNode("more:morocco"));
        assertThat(nodeIds().size()).isGreaterThan(countBefore);
        assertThat(stateList("expand")).containsExactly("morocco", "morocco@50");

        // Keyboard: arrows move between nodes (starting from the focus), Enter expands the focused one.
        open("/?view=neighbourhood&focus=lesieur-cristal");
        WebElement canvas = driver.findElement(By.id("cy"));
        canvas.sendKeys(Keys.ARROW_RIGHT);
        assertThat(js("return filiere.keyboardNode()")).isEqualTo("lesieur-cristal");
        // Screen readers hear the country's name, not its code.
        assertThat((String) js("return document.getElementById('announce').textContent"))
                .contains("Lesieur Cristal, Company, Morocco,");
        String expanded = arrowAwayFrom(canvas, "lesieur-cristal");
        afterRender(() -> canvas.sendKeys(Keys.ENTER));
        assertThat(stateList("expand")).containsExactly(expanded);
    }

    @Test
    void hides_and_pins_nodes() {
        open("/?view=neighbourhood&focus=sofiproteol&sel=lesieur-cristal");
        waitForText("#panel-details .details-title", "Lesieur Cristal");
        clickButton("#panel-details", "Pin");
        assertThat(stateList("pin")).anyMatch(p -> p.startsWith("lesieur-cristal@"));
        assertThat((Boolean) js("return filiere.cy().getElementById('lesieur-cristal').locked()")).isTrue();

        // Two pins (each "id@x,y", joined with commas) come back from the link: same nodes, same places.
        clickNode("sofiproteol");
        waitForText("#panel-details .details-title", "Sofiprot");
        clickButton("#panel-details", "Pin");
        String pinned = "return ['lesieur-cristal', 'sofiproteol'].map(id => { const n = filiere.cy().getElementById(id);"
                + " return [n.locked(), Math.round(n.position('x')), Math.round(n.position('y'))].join(' '); })";
        Object before = js(pinned);
        String url = driver.getCurrentUrl();
        assertThat(url).contains("pin=");
        driver.get("about:blank");
        open(url.substring(url.indexOf('/', url.indexOf("//") + 2)));
        assertThat(stateList("pin")).hasSize(2);
        assertThat(js(pinned)).isEqualTo(before);
        clickNode("lesieur-cristal");
        waitForText("#panel-details .details-title", "Lesieur Cristal");
        clickButton("#panel-details", "Hide");
        assertThat(nodeIds()).doesNotContain("lesieur-cristal");
        assertThat(stateList("hide")).containsExactly("lesieur-cristal");
        assertThat(driver.getCurrentUrl()).contains("hide=lesieur-cristal");
        // Shown again from the overview.
        driver.findElement(By.id("tab-summary")).click();
        clickButton("#panel-summary", "Show all");
        assertThat(nodeIds()).contains("lesieur-cristal");

        // Keyboard: H hides the node under the keyboard marker, which moves on to a node still shown, and says so.
        WebElement canvas = driver.findElement(By.id("cy"));
        canvas.sendKeys(Keys.ARROW_RIGHT);
        String hidden = arrowAwayFrom(canvas, "sofiproteol");
        canvas.sendKeys("h");
        waitUntil("return filiere.state().hide.includes(arguments[0])".replace("arguments[0]", "'" + hidden + "'"));
        String now = (String) js("return filiere.keyboardNode()");
        assertThat(now).isNotEqualTo(hidden);
        assertThat(nodeIds()).contains(now);
        assertThat((String) js("return document.getElementById('announce').textContent")).contains("hidden.");
    }

    @Test
    void every_welcome_example_opens_a_view_with_links() {
        for (String view : List.of("neighbourhood", "tiers", "ownership")) {
            driver.get(base() + "/?view=" + view);
            waitForText("#message", "pick an entity");
            List<String> examples = driver.findElements(By.cssSelector("#message .message-actions button")).stream()
                    .map(WebElement::getText).toList();
            assertThat(examples).as(view).isNotEmpty();
            for (String example : examples) {
                driver.get(base() + "/?view=" + view);
                waitForText("#message", "pick an entity");
                afterRender(() -> clickButton("#message", example));
                assertThat(edgeIds()).as(view + ": " + example).isNotEmpty();
            }
        }
    }

    @Test
    void switches_to_tiers_and_ownership() {
        open("/?view=neighbourhood&focus=renault-tanger");
        afterRender(() -> driver.findElement(By.cssSelector(".view-tab[data-view='tiers']")).click());
        assertThat(state("view")).isEqualTo("tiers");
        assertThat(state("focus")).isEqualTo("renault-tanger");
        assertThat(nodeIds()).contains("renault-tanger", "leoni", "valeo", "coficab");
        // Layers by tier: upstream tiers run from left into the focus on the right.
        Map<String, Object> pos = positions();
        assertThat(x(pos, "leoni")).isLessThan(x(pos, "renault-tanger"));
        assertThat(js("return filiere.cy().getElementById('leoni').data('tier')")).isEqualTo(1L);
        waitForText("#panel-summary", "Tier 1");
        assertThat(text("#panel-summary")).containsIgnoringCase("Home countries").containsIgnoringCase("Sectors").contains("Automotive");
        // Two tier-1 entries flagged as possibly one firm are both counted, and the chart says so.
        assertThat(text("#panel-summary .possibly-same-note")).contains("Moroccan companies in the automotive industry")
                .contains("may be one firm");
        assertThat(driver.findElements(By.cssSelector("#panel-summary .stack-seg"))).isNotEmpty();
        // Coloured by country by default.
        assertThat(((String) js("return document.getElementById('colour-mode').value"))).isEqualTo("country");
        // The tier-2 group "from France, Spain, Italy and even Japan" has no one home country: it is
        // drawn as a pie of the four, and the legend names each of their colours.
        assertThat(js("const d = filiere.cy().getElementById('renault-tangier-next-line-equipment-manufacturers').data(); "
                + "return [d._pie, d._pie1s, d._pie4s, d._pie5s]")).isEqualTo(List.of(true, 25L, 25L, 0L));
        assertThat(js("return filiere.cy().getElementById('leoni').data('_pie')")).isEqualTo(false);
        assertThat((String) js("return document.getElementById('legend').textContent")).contains("Japan", "Italy", "Spain", "France");
        screenshot("tiers");
        assertThat(driver.findElements(By.cssSelector("#panel-summary .filters-note"))).isEmpty();
        // A name cut to fit under its node shows whole under the pointer.
        assertThat(js("const n = filiere.cy().getElementById('renault-tangier-first-line-oems'); n.emit('mouseover'); "
                + "const t = filiere.cy().container().title; n.emit('mouseout'); return [t, filiere.cy().container().title]"))
                .isEqualTo(List.of("Renault's first-line OEMs in Morocco", ""));
        // A tier-1 group the report places in no country is counted under words, not a code.
        assertThat(text("#panel-summary")).contains("No country stated").doesNotContain("unknown");
        // With a country filter the chart still counts the whole network, and says so.
        js("filiere.navigate({countries: ['France']})");
        waitUntil("return filiere.ready && filiere.state().countries.length === 1");
        waitForText("#panel-summary .filters-note", "before the country, sector and type filters");
        // The tier-2 makers from France stay linked to the focus: the Moroccan tier-1 firms between
        // them are drawn faded as context; a German tier-1 firm with no French supplier is hidden.
        assertThat(js("return filiere.cy().getElementById('renault-tangier-next-line-equipment-manufacturers').visible()")).isEqualTo(true);
        assertThat(js("const n = filiere.cy().getElementById('renault-tangier-first-line-oems'); return [n.visible(), n.hasClass('context')]"))
                .isEqualTo(List.of(true, true));
        assertThat(js("return filiere.cy().getElementById('leoni').visible()")).isEqualTo(false);
        assertThat(text("#f-countries-group")).contains("faded, the firms that link them to the focus");
        // An export of the view marks them, so the file does not pass them off as French firms.
        JsonNode exportedView = JSON.readTree((String) js("return filiere.exportCyjs()"));
        Map<String, Boolean> context = new java.util.TreeMap<>();
        exportedView.get("elements").get("nodes").forEach(n -> context.put(n.get("data").get("id").asString(), n.get("data").has("context")));
        assertThat(context).containsEntry("renault-tangier-first-line-oems", true)
                .containsEntry("renault-tangier-next-line-equipment-manufacturers", false).doesNotContainKey("leoni");
        assertThat((String) js("return filiere.exportGraphml()")).contains("attr.name=\"context\"");
        js("filiere.navigate({countries: []})");
        waitUntil("return filiere.ready && filiere.state().countries.length === 0");

        afterRender(() -> driver.findElement(By.cssSelector("label[for='ctl-direction-downstream']")).click());
        assertThat(state("direction")).isEqualTo("downstream");
        assertThat(driver.getCurrentUrl()).contains("direction=downstream");

        // Renault's suppliers are its Tangier plant's: the plant is drawn beside the firm, in the focus column.
        open("/?view=tiers&focus=renault");
        assertThat(nodeIds()).contains("renault", "renault-tanger", "leoni", "valeo");
        pos = positions();
        assertThat(x(pos, "renault-tanger")).isEqualTo(x(pos, "renault"));
        assertThat(x(pos, "leoni")).isLessThan(x(pos, "renault"));
        waitForText("#panel-summary", "The focus includes its sites");
        assertThat(text("#panel-summary")).contains("Renault Tanger");

        open("/?view=ownership&focus=lesieur-cristal");
        assertThat(nodeIds()).contains("lesieur-cristal", "sofiproteol", "cristal-tunisie", "glon-sanders");
        pos = positions();
        assertThat(y(pos, "sofiproteol")).as("the parent is drawn above").isLessThan(y(pos, "lesieur-cristal"));
        assertThat((Boolean) js("return filiere.cy().getElementById('sofiproteol').data('ultimateParent') === true")).isTrue();
        assertThat((String) js("return filiere.cy().getElementById('sofiproteol.ACQUIRED.lesieur-cristal').data('_label')"))
                .isEqualTo("acquired · 2012");
        waitForText("#panel-summary", "Ultimate parent");
        assertThat(text("#panel-summary")).contains("Sofiprotéol");
        // Two links between the same two entities are one step of the chain, each link named.
        assertThat(driver.findElements(By.cssSelector("#panel-summary ol.chain > li"))).hasSize(1);
        assertThat(text("#panel-summary ol.chain")).contains("Lesieur Cristal ← Sofiprotéol: acquired 2012, subsidiary of (since 2012)");
        screenshot("ownership");

        // What hangs below the focus says how: a joint venture is not said to be controlled.
        open("/?view=ownership&focus=cevital");
        waitForText("#panel-summary", "Below the focus");
        assertThat(text("#panel-summary")).contains("Jet Alu Algérie directly · joint venture 2013").contains("Fagor-Brandt directly · acquired 2014, subsidiary (since 2014) (inferred)");

        // A shareholder without a stated majority is named as such, not as a parent.
        open("/?view=ownership&focus=aerotechnic-industries");
        waitForText("#panel-summary", "Ultimate parent");
        assertThat(text("#panel-summary")).contains("Royal Air Maroc").contains("Also, without a stated majority: Air France holds a stake in it.")
                .doesNotContain("only through an inferred link");
        assertThat((Boolean) js("return filiere.cy().getElementById('air-france').data('ultimateParent') === true")).isFalse();
        // Nor are the parties to a joint venture its parents.
        open("/?view=ownership&focus=jet-alu-algerie");
        waitForText("#panel-summary", "Ultimate parent");
        // (Jet Alu Maroc's subsidiary there is inferred to be the joint venture: AR Corporation tops that chain.)
        assertThat(text("#panel-summary")).contains("AR Corporation").contains("only through an inferred link")
                .contains("Also, without a stated majority: Jet Alu Algérie is a joint venture of Cevital, Jet Alu Maroc.");
        assertThat((Boolean) js("return filiere.cy().getElementById('cevital').data('ultimateParent') === true")).isFalse();

        // From the ownership view to the tiers of another entity through the details panel.
        open("/?view=ownership&focus=cevital&sel=fagor-brandt");
        waitForText("#panel-details .details-title", "Fagor-Brandt");
        assertThat((String) js("return filiere.cy().getElementById('fagor-brandt.SUBSIDIARY_OF.cevital').data('_label')"))
                .contains("inferred");

        // A box printed with dots for spaces reads with its spaces back; the quote as printed stays one click away.
        open("/?view=neighbourhood&focus=smart-village-cairo&sel=smart-village-cairo");
        waitForText("#panel-details .details-title", "Smart Village Cairo");
        waitForText("#panel-details", "Established in 2001, the technology cluster");
        assertThat((String) js("return [...document.querySelectorAll('#panel-details .quote-exact')].map(e => e.textContent).join('|')"))
                .contains("Established.in.2001,.the.technology.cluster");
        // Its names were set in small capitals, which the text layer read as "IbM".
        open("/?view=neighbourhood&focus=smart-village-cairo&sel=ibm");
        waitForText("#panel-details", "IBM employs Egyptian scientists");
        assertThat((String) js("return [...document.querySelectorAll('#panel-details .quote-text')].map(e => e.textContent).join('|')"))
                .contains("IBM employs Egyptian scientists").doesNotContain("IbM");
        assertThat((String) js("return [...document.querySelectorAll('#panel-details .quote-exact')].map(e => e.textContent).join('|')"))
                .contains("IbM.employs.Egyptian");

        // Years read as written, in the properties and the figures alike.
        open("/?view=neighbourhood&focus=cevital&sel=cevital");
        waitForText("#panel-details .details-title", "Cevital");
        waitForText("#panel-details", "1998");
        assertThat(text("#panel-details")).doesNotContain("1,998");
    }

    @Test
    void finds_a_path_and_shows_its_explanation() {
        open("/?view=paths");
        assertThat(text("#message")).contains("Pick two entities");
        pick("path-from", "jet alu maroc", "Jet Alu Maroc");
        afterRender(() -> pick("path-to", "cevital", "Cevital"));
        assertThat(state("from")).isEqualTo("jet-alu-maroc");
        assertThat(state("to")).isEqualTo("cevital");
        assertThat(nodeIds()).contains("jet-alu-maroc", "cevital", "jet-alu-algerie");
        waitForText("#panel-summary", "Path 1");
        String explanation = text("#panel-summary");
        assertThat(explanation).contains("joint venture").contains("Case study: Jet Alu Maroc");
        assertThat(driver.findElements(By.cssSelector("#panel-summary .quote-text"))).isNotEmpty();
        driver.findElement(By.cssSelector("#panel-summary .path-head")).click();
        assertThat(((Number) js("return filiere.cy().elements('.highlight').length")).intValue()).isGreaterThanOrEqualTo(3);
        screenshot("paths");

        // Cevital bought Fagor-Brandt (stated); that it is Cevital's subsidiary is inferred: the
        // route through that link says so before it is read.
        open("/?view=paths&from=fagor-brandt&to=cevital");
        waitForText("#panel-summary", "Path 2");
        List<String> counts = driver.findElements(By.cssSelector("#panel-summary .path-head .count")).stream().map(e -> e.getText()).toList();
        assertThat(counts).anySatisfy(c -> assertThat(c).containsIgnoringCase("1 hop · 1 inferred"));
        assertThat(counts).anySatisfy(c -> assertThat(c).doesNotContainIgnoringCase("inferred"));

        // No path within the hops asked: explained, not an empty canvas.
        open("/?view=paths&from=sofiproteol&to=royal-air-maroc&hops=2");
        waitForText("#message", "No path between Sofiprotéol and Royal Air Maroc within 2 hops");
        assertThat(nodeIds()).isEmpty();
        afterRender(() -> clickButton("#message", "Allow up to 6 hops"));
        assertThat(nodeIds()).contains("sofiproteol", "royal-air-maroc");

        // Skipping hubs: the limit lives in the URL and the control, and the summary says it applied.
        open("/?view=paths&from=jet-alu-maroc&to=cevital&maxDegree=20");
        waitForText("#panel-summary", "no entity with more than 20 links on the way");
        assertThat(new Select(driver.findElement(By.id("ctl-hubs"))).getFirstSelectedOption().getText()).contains("more than 20 links");
        afterRender(() -> new Select(driver.findElement(By.id("ctl-hubs"))).selectByValue(""));
        assertThat(driver.getCurrentUrl()).doesNotContain("maxDegree");
        waitForText("#panel-summary", "Path 1");
        assertThat(text("#panel-summary")).doesNotContain("links on the way");

        // Every intermediate has at least two links: a limit of one leaves no path, and says why.
        open("/?view=paths&from=jet-alu-maroc&to=cevital&maxDegree=1");
        waitForText("#message", "without passing through an entity with more than 1 link.");
        afterRender(() -> clickButton("#message", "Also pass through hubs"));
        assertThat(nodeIds()).contains("jet-alu-maroc", "jet-alu-algerie", "cevital");
        assertThat(driver.getCurrentUrl()).doesNotContain("maxDegree");
    }

    @Test
    void shows_flows_between_north_and_south() {
        open("/?view=flows");
        assertThat(nodeIds()).contains("france", "morocco", "algeria", "tunisia");
        assertThat(((Number) js("return filiere.cy().getElementById('flow.france.morocco').data('weight')")).intValue()).isGreaterThan(10);
        double wide = ((Number) js("return filiere.cy().getElementById('flow.france.morocco').data('_width')")).doubleValue();
        double thin = ((Number) js("return filiere.cy().getElementById('flow.algeria.france').data('_width')")).doubleValue();
        assertThat(wide).isGreaterThan(thin);
        waitForText("#panel-summary", "France → Morocco");
        assertThat(driver.findElements(By.cssSelector("#panel-summary tbody tr")).size()).isGreaterThan(20);
        // Installations whose firm has no home country are not counted, and the summary says so.
        assertThat(text("#panel-summary")).containsIgnoringCase("installations not counted: home country not stated");
        screenshot("flows");
        // A flow's details name its firms; its caption, a bare count, is not offered as a reading.
        open("/?view=flows&sel=flow.france.morocco");
        waitForText("#panel-details", "Firms (");
        assertThat(text("#panel-details")).doesNotContainIgnoringCase("reads as");
        open("/?view=flows");

        afterRender(() -> driver.findElement(By.cssSelector("label[for='f-flowdirs-South_North']")).click());
        // Unticking South→North leaves the other directions.
        assertThat(edgeIds()).contains("flow.france.morocco").doesNotContain("flow.morocco.france");
        assertThat(driver.getCurrentUrl()).contains("flowdirs=");
    }

    @Test
    void shows_every_quote_of_an_edge_and_marks_inferred_links() {
        open("/?view=tiers&focus=renault-tanger&sel=leoni.SUPPLIES.renault-tanger");
        waitForText("#panel-details", "Inferred link");
        String details = text("#panel-details");
        assertThat(details).contains("the report does not explicitly say they supply Renault")
                .contains("Groups already present in Morocco, like VALEO, LEONI and COFICAB")
                .contains("The collaborative nature of sub-contraction")
                .contains("Case study: Renault");
        assertThat((String) js("return filiere.cy().getElementById('leoni.SUPPLIES.renault-tanger').style('line-style')")).isEqualTo("dashed");
        screenshot("details-inferred-edge");
    }

    @Test
    void moves_the_time_slider() {
        open("/?view=neighbourhood&focus=cevital");
        assertThat(nodeIds()).contains("fagor-brandt", "oxxo-evolution");
        afterRender(() -> driver.findElement(By.id("year-all")).click());
        assertThat(state("asOf")).isEqualTo(2020L);
        // Drag the slider back to 2012 (keyboard: Home = 1975, then right arrows).
        WebElement range = driver.findElement(By.id("year"));
        afterRender(() -> {
            range.sendKeys(Keys.HOME);
            for (int i = 1975; i < 2012; i++) range.sendKeys(Keys.ARROW_RIGHT);
        });
        waitUntil("return filiere.ready && filiere.state().asOf === 2012");
        assertThat(text("#year-output")).isEqualTo("2012");
        assertThat(driver.getCurrentUrl()).contains("asOf=2012");
        // Fagor Brandt was bought in 2014 and Oxxo in 2013: not yet in 2012.
        assertThat(nodeIds()).contains("cevital", "algeria").doesNotContain("fagor-brandt", "oxxo-evolution");
        assertThat(text("#status-counts")).contains("as of 2012");
        screenshot("time-slider");
        afterRender(() -> driver.findElement(By.id("year-all")).click());
        assertThat(state("asOf")).isNull();
        assertThat(nodeIds()).contains("fagor-brandt");
    }

    @Test
    void restores_the_same_view_from_a_permalink() {
        open("/?view=neighbourhood&focus=sofiproteol");
        afterRender(() -> js("filiere.expand('morocco')"));
        afterRender(() -> clickNode("more:morocco"));
        js("filiere.navigate({hide: ['glon-sanders'], countries: ['France', 'Morocco', 'Algeria', 'Tunisia'], colour: 'side'})");
        waitUntil("return filiere.ready && filiere.state().hide.length === 1");
        List<String> ids = nodeIds();
        List<String> edges = edgeIds();
        String url = driver.getCurrentUrl();
        js("document.getElementById('filters-title').scrollIntoView()");
        screenshot("filters");
        js("document.querySelector('.sidebar').scrollTop = 0");
        assertThat(url).contains("expand=morocco%2Cmorocco%4050").contains("hide=glon-sanders").contains("colour=side");
        assertThat(ids).doesNotContain("glon-sanders");

        // A fresh page load of the same link draws the same nodes and links.
        driver.get("about:blank");
        open(url.substring(url.indexOf('/', url.indexOf("//") + 2)));
        assertThat(nodeIds()).isEqualTo(ids);
        assertThat(edgeIds()).isEqualTo(edges);
        assertThat(((String) js("return document.getElementById('colour-mode').value"))).isEqualTo("side");

        // Back and forward walk through the views.
        open("/?view=tiers&focus=renault-tanger");
        open("/?view=ownership&focus=lesieur-cristal");
        afterNavigation(() -> driver.navigate().back());
        assertThat(state("view")).isEqualTo("tiers");
        assertThat(nodeIds()).contains("leoni");
        afterNavigation(() -> driver.navigate().forward());
        assertThat(state("view")).isEqualTo("ownership");
        // pushState history inside one page: view switches are history entries too.
        afterRender(() -> driver.findElement(By.cssSelector(".view-tab[data-view='neighbourhood']")).click());
        assertThat(state("view")).isEqualTo("neighbourhood");
        afterRender(() -> driver.navigate().back());
        assertThat(state("view")).isEqualTo("ownership");
        assertThat(nodeIds()).contains("sofiproteol");
    }

    @Test
    void exports_png_and_cyjs() throws Exception {
        open("/?view=neighbourhood&focus=sofiproteol");
        List<String> ids = nodeIds();

        JsonNode cyjs = JSON.readTree((String) js("return filiere.exportCyjs()"));
        List<String> exported = new ArrayList<>();
        cyjs.get("elements").get("nodes").forEach(n -> exported.add(n.get("data").get("id").asString()));
        assertThat(exported).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(cyjs.get("elements").get("edges").size()).isEqualTo(edgeIds().size());
        assertThat(cyjs.get("elements").get("nodes").get(0).has("position")).isTrue();
        assertThat(cyjs.get("elements").get("nodes").get(0).get("data").has("_colour")).as("no style internals").isFalse();

        String png = (String) js("return filiere.exportPng()");
        assertThat(png).startsWith("data:image/png;base64,");
        byte[] bytes = Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1));
        assertThat(bytes.length).isGreaterThan(5_000);
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]}).containsExactly(0x89, 'P', 'N', 'G');

        String graphml = (String) js("return filiere.exportGraphml()");
        Document doc = parseXml(graphml);
        assertThat(doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node").getLength()).isEqualTo(ids.size());
        assertThat(doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge").getLength()).isEqualTo(edgeIds().size());

        // The menu saves real files.
        try (var old = Files.list(DOWNLOADS)) {
            for (Path p : old.toList()) Files.deleteIfExists(p);
        }
        driver.findElement(By.cssSelector("#export-menu summary")).click();
        screenshot("export-menu");
        driver.findElement(By.cssSelector("#export-menu summary")).click();
        for (String button : new String[] {"export-png", "export-cyjs", "export-graphml"}) {
            driver.findElement(By.cssSelector("#export-menu summary")).click();
            driver.findElement(By.id(button)).click();
        }
        // Chromium writes each download under a temporary name first: wait for the three final names.
        new WebDriverWait(driver, WAIT).until(d -> java.util.stream.Stream.of("png", "cyjs", "graphml")
                .allMatch(ext -> Files.exists(DOWNLOADS.resolve("filiere-neighbourhood-sofiproteol." + ext))));
        assertThat(Files.size(DOWNLOADS.resolve("filiere-neighbourhood-sofiproteol.png"))).isGreaterThan(5_000);
        assertThat(JSON.readTree(Files.readString(DOWNLOADS.resolve("filiere-neighbourhood-sofiproteol.cyjs"))).get("elements").get("nodes").size())
                .isEqualTo(ids.size());
        parseXml(Files.readString(DOWNLOADS.resolve("filiere-neighbourhood-sofiproteol.graphml")));
    }

    @Test
    void keeps_an_xss_name_inert() throws Exception {
        neo4j.query("""
                CREATE (n:Entity:Company {id: 'xss-test', name: $p, type: 'Company', aliases: ['Alias ' + $p], quotes: [$p],
                        quoteSections: [$p], dataset: 'test', country: 'FR', side: 'north'})
                CREATE (m:Entity:Company {id: 'xss-test-partner', name: 'Partner of ' + $p, type: 'Company', aliases: [],
                        quotes: [], dataset: 'test'})
                CREATE (n)-[:PARTNER_OF {id: 'xss-test.PARTNER_OF.xss-test-partner', quotes: [$p], quoteSections: [$p],
                        inferred: true, reason: $p, dataset: 'test'}]->(m)
                """).bind(XSS).to("p").run();
        try {
            open("/?view=neighbourhood&focus=xss-test&sel=xss-test");
            waitForText("#panel-details .details-title", XSS);
            waitForText("#panel-details", "Quotes (1)");
            assertThat(js("return typeof window.__xss")).isEqualTo("undefined");
            assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
            assertThat(driver.findElement(By.cssSelector("#panel-details .chip")).getText()).isEqualTo("Alias " + XSS);
            assertThat(driver.findElement(By.cssSelector("#panel-details .quote-text")).getText()).isEqualTo(XSS);
            assertThat(text("#focus-line")).contains(XSS);

            // The link, its quote and its reason, and the search suggestions.
            js("filiere.select('xss-test.PARTNER_OF.xss-test-partner')");
            waitForText("#panel-details", "Inferred link");
            assertThat(text("#panel-details")).contains(XSS).containsIgnoringCase("Passages it is inferred from (1)").doesNotContainIgnoringCase("Quotes (");
            WebElement q = driver.findElement(By.id("q"));
            q.sendKeys("onerror");
            WebElement hit = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#q-list .suggestion")));
            assertThat(hit.getText()).contains(XSS);
            q.sendKeys(Keys.ESCAPE);

            // Exports escape it too.
            Document doc = parseXml((String) js("return filiere.exportGraphml()"));
            assertThat(doc.getDocumentElement().getTextContent()).contains(XSS);
            assertThat(JSON.readTree((String) js("return filiere.exportCyjs()")).toString()).contains("onerror");

            screenshot("xss", false);
            assertThat(js("return typeof window.__xss")).isEqualTo("undefined");
            assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        } finally {
            neo4j.query("MATCH (n:Entity) WHERE n.id IN ['xss-test', 'xss-test-partner'] DETACH DELETE n").run();
        }
    }

    @Test
    void shows_api_errors_as_readable_messages() {
        open("/?view=neighbourhood&focus=no-such-entity");
        waitForText("#message", "No entity with id 'no-such-entity'");
        assertThat(driver.findElement(By.id("message")).getAttribute("role")).isEqualTo("alert");
        assertThat(text("#message")).contains("Not found");
    }

    @Test
    void offers_to_clear_the_filters_that_empty_a_view_and_reads_a_capitalised_id() {
        // "Cevital" typed by hand means the id cevital; no link of that type: one button clears the filters.
        open("/?view=neighbourhood&focus=Cevital&rels=TRAINS_FOR");
        assertThat(state("focus")).isEqualTo("cevital");
        waitForText("#message", "Nothing matches the current filters");
        afterRender(() -> clickButton("#message", "Clear these filters"));
        assertThat(stateList("rels")).isEmpty();
        assertThat(edgeIds()).isNotEmpty();
    }

    @Test
    void filters_the_entities_whose_country_no_source_states() {
        // Cevital's neighbourhood holds sectors and groups with no country; they are a choice of their own.
        open("/?view=neighbourhood&focus=cevital");
        waitUntil("return (document.getElementById('f-countries-list')?.textContent || '').includes('No country stated')");
        js("filiere.navigate({countries: ['unknown']})");
        waitUntil("return filiere.ready && filiere.state().countries.length === 1");
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) js("""
                return filiere.cy().nodes().filter(n => n.visible() && !n.data('focal') && !n.data('kind'))
                  .map(n => n.data('type') + ':' + (n.data('country') || ''))""");
        assertThat(shown).isNotEmpty().allSatisfy(t -> assertThat(t).doesNotStartWith("Country:").endsWith(":"));
    }

    @Test
    void shows_a_loading_indicator_for_slow_answers() {
        open("/?view=neighbourhood&focus=renault");
        var chrome = (ChromeDriver) driver;
        chrome.setNetworkConditions(slowNetwork());
        try {
            js("filiere.navigate({focus: 'cevital'})");
            WebElement loading = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("loading")));
            assertThat(loading.getText()).contains("Loading");
            assertThat(loading.getAttribute("role")).isEqualTo("status");
            screenshot("loading", false);
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("loading")));
            waitUntil("return filiere.ready && filiere.state().focus === 'cevital'");
            assertThat(nodeIds()).contains("cevital");
        } finally {
            chrome.deleteNetworkConditions();
        }
        // A quick answer shows no indicator at all (it would only flicker).
        js("window.__sawLoading = false; new MutationObserver(() => { if (!document.getElementById('loading').hidden) window.__sawLoading = true; })"
                + ".observe(document.getElementById('loading'), {attributes: true})");
        afterRender(() -> js("filiere.navigate({focus: 'renault'})"));
        if (Boolean.TRUE.equals(js("return window.__sawLoading"))) {
            System.out.println("note: the neighbourhood of renault took over 200 ms here; the indicator showed, as it should");
        }
    }

    private static org.openqa.selenium.chromium.ChromiumNetworkConditions slowNetwork() {
        var c = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        c.setLatency(Duration.ofMillis(900));
        return c;
    }

    @Test
    void lays_out_and_redraws_two_thousand_elements() {
        // Timings are measured and written to target/benchmarks/browser-2000.txt, not asserted: on a
        // shared 2-core machine a timed assertion measures the neighbours. The figures are reported in
        // docs/benchmarks/ (performance targets live in benchmarks, not in unit tests).
        StringBuilder figures = new StringBuilder();
        // A synthetic supply network: 500 direct suppliers of a hub, 100 of which have 5 suppliers each.
        neo4j.query("""
                CREATE (hub:Entity:Company {id: 'perf-hub', name: 'Perf hub', type: 'Company', country: 'FR', side: 'north', dataset: 'test'})
                WITH hub
                UNWIND range(1, 500) AS i
                CREATE (s:Entity:Company {id: 'perf-s' + i, name: 'Supplier ' + i, type: 'Company',
                        country: ['MA', 'TN', 'DZ', 'FR', 'ES'][i % 5], side: CASE WHEN i % 5 < 3 THEN 'south' ELSE 'north' END, dataset: 'test'})
                CREATE (s)-[:SUPPLIES {id: 'perf-s' + i + '.SUPPLIES.perf-hub', dataset: 'test'}]->(hub)
                WITH s, i WHERE i <= 100
                UNWIND range(1, 5) AS j
                CREATE (t:Entity:Company {id: 'perf-t' + i + '-' + j, name: 'Sub-supplier ' + i + '.' + j, type: 'Company',
                        country: ['IT', 'DE', 'MA', 'EG', 'TR'][j % 5], dataset: 'test'})
                CREATE (t)-[:SUPPLIES {id: 'perf-t' + i + '-' + j + '.SUPPLIES.perf-s' + i, dataset: 'test'}]->(s)
                """).run();
        // A link on no chain to the hub: the French tier-1 firm perf-s103 also supplies a Moroccan tier-2 firm.
        neo4j.query("""
                MATCH (a:Entity {id: 'perf-s103'}), (b:Entity {id: 'perf-t5-2'})
                CREATE (a)-[:SUPPLIES {id: 'perf-s103.SUPPLIES.perf-t5-2', dataset: 'test'}]->(b)
                """).run();
        try {
            long t0 = System.nanoTime();
            open("/?view=tiers&focus=perf-hub&tdepth=2");
            long total = (System.nanoTime() - t0) / 1_000_000;
            Map<?, ?> cold = (Map<?, ?>) js("return filiere.lastRender");
            long nodes = ((Number) cold.get("nodes")).longValue();
            long edges = ((Number) cold.get("edges")).longValue();
            assertThat(nodes + edges).isGreaterThanOrEqualTo(2000);
            System.out.printf("tiers, fresh page: %d nodes + %d edges drawn in %s ms %s (page load and API included: %d ms)%n",
                    nodes, edges, cold.get("ms"), cold.get("phases"), total);
            figures.append("tiers, fresh page: ").append(nodes + edges).append(" elements, draw ").append(cold.get("ms"))
                    .append(" ms, page load and API included ").append(total).append(" ms\n");

            // Redrawn as of other years: new answer, new layout, new paint. The machine is shared (the
            // application and its database run beside the browser): the best of three is what the
            // explorer can do; the others show the noise.
            List<Long> redraws = new ArrayList<>();
            for (int year : new int[] {2019, 2018, 2017}) {
                afterRender(() -> js("filiere.navigate({asOf: arguments[0]})", year));
                Map<?, ?> warm = (Map<?, ?>) js("return filiere.lastRender");
                assertThat(((Number) warm.get("nodes")).longValue() + ((Number) warm.get("edges")).longValue()).isGreaterThanOrEqualTo(2000);
                redraws.add(((Number) warm.get("ms")).longValue());
                System.out.printf("tiers, redrawn as of %d: %s ms %s%n", year, warm.get("ms"), warm.get("phases"));
            }
            figures.append("tiers, redraws (ms): ").append(redraws).append("\n");
            screenshot("performance-tiers", false);

            // It responds: recolouring and filtering 2,000 elements.
            long t1 = System.nanoTime();
            afterRender(() -> js("filiere.navigate({colour: 'side'})"));
            afterRender(() -> js("filiere.navigate({countries: ['Morocco', 'Tunisia']})"));
            long respond = (System.nanoTime() - t1) / 1_000_000;
            System.out.printf("recolour + filter: %d ms%n", respond);
            figures.append("recolour + filter (ms): ").append(respond).append("\n");
            // perf-s103 (France, no suppliers) is hidden, though it supplies the Moroccan perf-t5-2: that
            // link is on no chain to the hub. perf-s3 (France) stays, faded, as the link between the
            // focus and its Moroccan supplier perf-t3-2.
            assertThat(nodeIds()).contains("perf-hub", "perf-s1", "perf-t3-2").doesNotContain("perf-s103", "perf-t3-1");
            assertThat(js("return filiere.cy().getElementById('perf-s3').hasClass('context')")).isEqualTo(true);

            // The neighbourhood of the hub, two steps deep: concentric rings, no force layout.
            afterRender(() -> js("filiere.navigate({view: 'neighbourhood', depth: 2, limit: 500, countries: []})"));
            Map<?, ?> last = (Map<?, ?>) js("return filiere.lastRender");
            assertThat(((Number) last.get("nodes")).longValue() + ((Number) last.get("edges")).longValue()).isGreaterThanOrEqualTo(2000);
            System.out.printf("neighbourhood: %s nodes + %s edges drawn in %s ms %s%n", last.get("nodes"), last.get("edges"), last.get("ms"), last.get("phases"));
            figures.append("neighbourhood depth 2: ").append(last.get("nodes")).append(" nodes + ").append(last.get("edges"))
                    .append(" edges, draw ").append(last.get("ms")).append(" ms\n");
            long t2 = System.nanoTime();
            js("filiere.cy().zoom(0.5); filiere.cy().pan({x: 100, y: 100});");
            js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            figures.append("zoom and pan to next frame (ms): ").append((System.nanoTime() - t2) / 1_000_000).append("\n");
            java.nio.file.Path out = java.nio.file.Path.of("target", "benchmarks", "browser-2000.txt");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, figures.toString());
            System.out.print(figures);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            neo4j.query("MATCH (n:Entity) WHERE n.id STARTS WITH 'perf-' AND n.dataset = 'test' DETACH DELETE n").run();
        }
    }

    @Test
    void stays_usable_on_a_small_laptop_and_a_tablet() {
        for (int[] size : new int[][] {{1024, 768}, {800, 900}}) {
            viewport(size[0], size[1]);
            open("/?view=neighbourhood&focus=cevital&sel=cevital");
            waitForText("#panel-details .details-title", "Cevital");
            String at = size[0] + "×" + size[1];
            // Nothing sideways: the page is as wide as the window, every top-bar control inside it.
            assertThat(((Number) js("return document.documentElement.scrollWidth - window.innerWidth")).intValue()).as(at).isLessThanOrEqualTo(0);
            for (String css : List.of("#main-search input", "#copy-link", "#export-menu summary", "#curate-menu summary")) {
                assertThat((Boolean) js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                        + " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth", css)).as(at + " " + css).isTrue();
            }
            assertThat(((Number) js("return document.querySelector('#main-search input').getBoundingClientRect().width")).doubleValue())
                    .as(at + ": room to type a name").isGreaterThanOrEqualTo(200);
            // The graph keeps a usable size, and neither the toolbar nor the inspector covers the other.
            assertThat(((Number) js("return document.getElementById('cy').getBoundingClientRect().width")).doubleValue()).as(at).isGreaterThanOrEqualTo(300);
            assertThat(((Number) js("return document.getElementById('cy').getBoundingClientRect().height")).doubleValue()).as(at).isGreaterThanOrEqualTo(300);
            assertThat((Boolean) js("const a = document.querySelector('.canvas-toolbar').getBoundingClientRect(),"
                    + " b = document.querySelector('.inspector').getBoundingClientRect();"
                    + " return a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top")).as(at).isTrue();
            screenshot("explorer-" + size[0], false);
        }
    }

    @Test
    void reads_well_at_full_hd() {
        viewport(1920, 1080);
        open("/?view=neighbourhood&focus=renault&sel=renault");
        waitForText("#panel-details .details-title", "Renault");
        screenshot("explorer-1920", false);
        viewport(1440, 900);
        open("/?view=neighbourhood&focus=sofiproteol&sel=sofiproteol&depth=1");
        waitForText("#panel-details", "Case study: Sofiprotéol");
        screenshot("explorer");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Moves the keyboard marker off {@code from} with the arrow keys (the first that leads elsewhere); returns where it is. */
    private String arrowAwayFrom(WebElement canvas, String from) {
        String at = null;
        for (Keys k : new Keys[] {Keys.ARROW_RIGHT, Keys.ARROW_DOWN, Keys.ARROW_LEFT, Keys.ARROW_UP}) {
            canvas.sendKeys(k);
            at = (String) js("return filiere.keyboardNode()");
            if (!from.equals(at)) break;
        }
        assertThat(at).as("an arrow key leads away from " + from).isNotEqualTo(from);
        return at;
    }

    /** Sizes the window so that the page itself (the viewport) is w × h. */
    private void viewport(int w, int h) {
        driver.manage().window().setSize(new Dimension(w, h));
        long iw = ((Number) js("return window.innerWidth")).longValue();
        long ih = ((Number) js("return window.innerHeight")).longValue();
        if (iw != w || ih != h) driver.manage().window().setSize(new Dimension((int) (2L * w - iw), (int) (2L * h - ih)));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Opens a page of the explorer and waits until it has drawn its view. */
    private void open(String pathAndQuery) {
        driver.get(base() + pathAndQuery);
        waitUntil("return !!(window.filiere && window.filiere.ready && window.filiere.renders > 0)");
    }

    /** Runs an action that redraws the view and waits for the redraw to finish. */
    private void afterRender(Runnable action) {
        long before = ((Number) js("return window.filiere ? window.filiere.renders : 0")).longValue();
        action.run();
        new WebDriverWait(driver, WAIT).until(d -> {
            Object r = ((JavascriptExecutor) d).executeScript("return window.filiere ? [window.filiere.renders, window.filiere.ready] : null");
            if (!(r instanceof List<?> l)) return false;
            return ((Number) l.get(0)).longValue() > before && Boolean.TRUE.equals(l.get(1));
        });
    }

    /** Runs an action that loads another page (back, forward) and waits until that page has drawn its view. */
    private void afterNavigation(Runnable action) {
        // A token on the page we leave; the page we arrive at (new, or restored from the back/forward
        // cache) does not have this one.
        String token = java.util.UUID.randomUUID().toString();
        js("window.__pageToken = arguments[0]", token);
        action.run();
        waitUntil("return window.__pageToken !== '" + token + "' && !!(window.filiere && window.filiere.ready && window.filiere.renders > 0)");
    }

    private void waitUntil(String script) {
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script)));
    }

    private void waitForText(String css, String text) {
        // getText() applies CSS text-transform (headings are in capitals): compare case-insensitively.
        // The panel is re-rendered while we read it: an element found can be gone by getText().
        new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            var els = d.findElements(By.cssSelector(css));
            return !els.isEmpty() && els.get(0).getText().toLowerCase(java.util.Locale.ROOT).contains(text.toLowerCase(java.util.Locale.ROOT));
        });
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private Object state(String key) {
        return js("return filiere.state()[arguments[0]]", key);
    }

    @SuppressWarnings("unchecked")
    private List<String> stateList(String key) {
        return (List<String>) js("return filiere.state()[arguments[0]]", key);
    }

    @SuppressWarnings("unchecked")
    private List<String> nodeIds() {
        return new ArrayList<>((List<String>) js("return filiere.nodeIds()"));
    }

    @SuppressWarnings("unchecked")
    private List<String> edgeIds() {
        return new ArrayList<>((List<String>) js("return filiere.edgeIds()"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> positions() {
        return new HashMap<>((Map<String, Object>) js("return filiere.positions()"));
    }

    private static double x(Map<String, Object> positions, String id) {
        return ((Number) ((Map<?, ?>) positions.get(id)).get("x")).doubleValue();
    }

    private static double y(Map<String, Object> positions, String id) {
        return ((Number) ((Map<?, ?>) positions.get(id)).get("y")).doubleValue();
    }

    private static double distance(Map<String, Object> positions, String a, String b) {
        return Math.hypot(x(positions, a) - x(positions, b), y(positions, a) - y(positions, b));
    }

    /** Moves the mouse to a node on the canvas (offsets from the canvas centre, as Selenium 4 counts them). */
    private Actions toNode(String id) {
        js("filiere.cy().getElementById(arguments[0]).isNode() && filiere.cy().center(filiere.cy().getElementById(arguments[0]))", id);
        // The node's centre can lie under another node or its label (the force layout does not
        // promise no overlap), and a click there taps that one: find a point of the node that
        // Cytoscape's own hit test gives to it.
        Map<?, ?> p = (Map<?, ?>) js("""
                const cy = filiere.cy(), n = cy.getElementById(arguments[0]);
                if (n.empty()) return null;
                const r = cy.renderer(), bb = n.boundingBox({ includeLabels: false });
                const points = [[n.position('x'), n.position('y')]];
                for (const fx of [0.5, 0.35, 0.65, 0.2, 0.8]) for (const fy of [0.5, 0.35, 0.65, 0.2, 0.8]) points.push([bb.x1 + fx * bb.w, bb.y1 + fy * bb.h]);
                const z = cy.zoom(), pan = cy.pan();
                for (const [x, y] of points) {
                  const hit = r.findNearestElement(x, y, true, false);
                  if (hit && hit.same(n)) return { x: x * z + pan.x, y: y * z + pan.y };
                }
                return null;
                """, id);
        assertThat(p).as("a point of node " + id + " on the canvas that no other element covers").isNotNull();
        WebElement canvas = driver.findElement(By.id("cy"));
        int dx = (int) Math.round(((Number) p.get("x")).doubleValue() - canvas.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(((Number) p.get("y")).doubleValue() - canvas.getSize().getHeight() / 2.0);
        return new Actions(driver).moveToElement(canvas, dx, dy);
    }

    private void doubleClickNode(String id) {
        toNode(id).doubleClick().perform();
    }

    private void clickNode(String id) {
        toNode(id).click().perform();
    }

    private void clickButton(String containerCss, String label) {
        WebElement container = driver.findElement(By.cssSelector(containerCss));
        for (WebElement b : container.findElements(By.tagName("button"))) {
            if (b.getText().trim().equals(label)) {
                b.click();
                return;
            }
        }
        throw new AssertionError("No button '" + label + "' in " + containerCss + ": " + container.getText());
    }

    /** Types into a search box and picks the suggestion with the given name. */
    private void pick(String inputId, String typed, String name) {
        WebElement input = driver.findElement(By.id(inputId));
        input.clear();
        input.sendKeys(typed);
        WebElement hit = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + inputId + "-list .suggestion")));
        assertThat(hit.getText()).contains(name);
        input.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
    }

    private static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private void screenshot(String name) {
        screenshot(name, true);
    }

    /**
     * Saves a screenshot to target/screenshots and, for views of the IPEMED data ({@code docs}), to
     * docs/images when asked to update them ({@code -Dfiliere.screenshots.update=true}).
     */
    private void screenshot(String name, boolean docs) {
        try {
            js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Path target = SHOTS.resolve(name + ".png");
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            if (docs && Boolean.getBoolean("filiere.screenshots.update")) {
                Path dir = Path.of(System.getProperty("filiere.screenshots.dir", "../docs/images"));
                Files.createDirectories(dir);
                Files.copy(file, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception e) {
            throw new AssertionError("Screenshot " + name + " failed", e);
        }
    }
}
