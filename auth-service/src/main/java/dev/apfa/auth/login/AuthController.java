package dev.apfa.auth.login;

import dev.apfa.auth.audit.RequestContext;
import dev.apfa.auth.user.UserView;
import dev.apfa.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** /api/auth: register, login, refresh and logout are public (see application.yml); the rest need a token. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@Valid @RequestBody Requests.Register body, HttpServletRequest request) {
        return auth.register(body, RequestContext.of(request));
    }

    @PostMapping("/login")
    ResponseEntity<Requests.Tokens> login(@Valid @RequestBody Requests.Login body, HttpServletRequest request) {
        return noStore(auth.login(body, RequestContext.of(request)));
    }

    @PostMapping("/refresh")
    ResponseEntity<Requests.Tokens> refresh(@Valid @RequestBody Requests.RefreshToken body, HttpServletRequest request) {
        return noStore(auth.refresh(body, RequestContext.of(request)));
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody Requests.RefreshToken body, HttpServletRequest request) {
        auth.logout(body, RequestContext.of(request));
    }

    @PostMapping("/logout-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutAll(CurrentUser caller, HttpServletRequest request) {
        auth.logoutAll(caller, RequestContext.of(request));
    }

    @GetMapping("/me")
    UserView me(CurrentUser caller) {
        return auth.me(caller);
    }

    private static ResponseEntity<Requests.Tokens> noStore(Requests.Tokens tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
    }
}
