package dev.loupe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.DemoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@ExtendWith(LoupeBrowserExtension.class)
class SignInTest {
    @BeforeEach
    void signedOut(Browser browser) {
        browser.signOut();
    }

    @Test
    void wrongPasswordShowsTheErrorAndStaysOnTheSignInPage(Browser browser, DemoServer server) {
        browser.open("#/metrics");
        browser.waitFor(By.id("signin-form"));
        browser.driver().findElement(By.id("signin-name")).sendKeys(server.userName());
        browser.driver().findElement(By.id("signin-password")).sendKeys("not-the-password");
        browser.driver().findElement(By.cssSelector("#signin-form button[type=submit]")).click();

        WebElement error = browser.waitFor(By.cssSelector(".signin-error"));
        assertThat(error.getText()).isEqualTo("The name or password is wrong.");
        assertThat(browser.all(By.cssSelector("#topbar"))).isEmpty();
        browser.screenshot("signin-wrong-password");
    }

    @Test
    void rightPasswordEntersAtTheAskedForRoute(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/metrics");

        // The page may already have added its query and range to the route (#/metrics?A=...).
        assertThat(browser.driver().getCurrentUrl()).containsPattern("/ui/#/metrics($|\\?)");
        WebElement active = browser.waitFor(By.cssSelector("#topbar .navigation a.active"));
        assertThat(active.getAttribute("data-page")).isEqualTo("metrics");
        assertThat(browser.waitFor(By.cssSelector("#topbar .user-name")).getText()).isEqualTo(server.userName());
    }

    @Test
    void aNewTabOfASignedInSessionCanMakeUnsafeRequests(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/search");
        // A new tab has the cookie but an empty sessionStorage: the shell learns the CSRF token from GET /session.
        browser.script("sessionStorage.clear();");
        browser.driver().navigate().refresh();
        browser.waitFor(By.cssSelector("#topbar:not([hidden])"));
        browser.waitForScript("return sessionStorage.getItem('loupe.csrf') !== null;");
        Object status = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/search/jobs', {method: 'POST', headers: {'Content-Type': 'application/json',
                  'X-Loupe-Csrf': sessionStorage.getItem('loupe.csrf')}, body: JSON.stringify({query: '*', from: 0, to: 1000})})
                  .then((response) => done(response.status));""");
        assertThat(status).isEqualTo(202L);
    }
}
